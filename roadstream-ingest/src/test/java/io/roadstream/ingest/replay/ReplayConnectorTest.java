package io.roadstream.ingest.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roadstream.core.event.DeadLetterReason;
import io.roadstream.core.event.SensorReading;
import io.roadstream.ingest.connect.Connector;
import io.roadstream.ingest.connect.RecordingSink;
import io.roadstream.ingest.connect.SinkException;
import io.roadstream.ingest.connect.SourceRecord;
import io.roadstream.ingest.connect.StopSignal;
import io.roadstream.ingest.replay.format.RecordReader;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplayConnectorTest {

  private static final Instant T0 = Instant.parse("2022-10-04T07:00:00Z");

  private static SourceRecord reading(long secondsAfterT0) {
    return SourceRecord.of(new SensorReading("401833", T0.plusSeconds(secondsAfterT0).toEpochMilli(), 300, 90, 100.0,
        0.05));
  }

  private static ReplayConnector.ReplayFile file(List<SourceRecord> records) {
    return () -> new RecordReader() {
      final Iterator<SourceRecord> it = records.iterator();

      @Override
      public SourceRecord next() {
        return it.hasNext() ? it.next() : null;
      }

      @Override
      public long bytesRead() {
        return 0;
      }

      @Override
      public long totalBytes() {
        return -1;
      }

      @Override
      public Map<String, Long> skipped() {
        return Map.of("ramp stations", 2L);
      }

      @Override
      public void close() {}
    };
  }

  private static final Connector.Stop NEVER = new StopSignal();

  @Test
  void playsEveryRecordOfEveryFileInOrderAndKeepsRejectedOnes() throws Exception {
    SourceRecord bad = new SourceRecord.Rejected("x,y", "line 3", DeadLetterReason.MALFORMED, "not a number");
    List<SourceRecord> day1 = List.of(reading(0), bad, reading(300));
    List<SourceRecord> day2 = List.of(reading(86_400), reading(86_700));
    RecordingSink sink = new RecordingSink();
    ReplayConnector replay = new ReplayConnector("pems", List.of(file(day1), file(day2)),
        ReplayPacing.AS_FAST_AS_POSSIBLE, TimeFilter.ALL, Clock.systemUTC());

    replay.run(sink, NEVER);

    List<SourceRecord> all = new ArrayList<>(day1);
    all.addAll(day2);
    assertThat(sink.flushed()).containsExactlyElementsOf(all);
    assertThat(replay.progress().done()).isTrue();
    assertThat(replay.progress().records()).isEqualTo(5);
    assertThat(replay.progress().skipped()).containsEntry("ramp stations", 4L);
  }

  @Test
  void theTimeFilterKeepsOnlyItsWindowButNeverHidesABadRecord() throws Exception {
    SourceRecord bad = new SourceRecord.Rejected("x", "line 2", DeadLetterReason.INVALID, "empty flow");
    List<SourceRecord> records = List.of(reading(0), bad, reading(300), reading(600), reading(900));
    RecordingSink sink = new RecordingSink();
    new ReplayConnector("pems", List.of(file(records)), ReplayPacing.AS_FAST_AS_POSSIBLE,
        new TimeFilter(T0.plusSeconds(300), T0.plusSeconds(900)), Clock.systemUTC()).run(sink, NEVER);

    assertThat(sink.flushed()).containsExactly(bad, reading(300), reading(600));
  }

  @Test
  void pacedReplayKeepsTheGapsBetweenEventsScaledBySpeed() throws Exception {
    // 4 events 60 s apart at 1200x: each is due 50 ms of wall time after the one before
    List<SourceRecord> records = List.of(reading(0), reading(60), reading(120), reading(180));
    ManualClock clock = new ManualClock();
    List<Long> handedAt = new ArrayList<>();
    RecordingSink sink = new RecordingSink() {
      @Override
      public synchronized void accept(SourceRecord record) {
        handedAt.add(clock.millis());
        super.accept(record);
      }
    };
    new ReplayConnector("pems", List.of(file(records)), new ReplayPacing(1200), TimeFilter.ALL, clock)
        .run(sink, clock);

    assertThat(sink.flushed()).hasSize(4);
    long start = handedAt.get(0);
    assertThat(handedAt).containsExactly(start, start + 50, start + 100, start + 150);
  }

  /** A wall clock that moves only when the replay waits on it: pacing without timing. */
  private static final class ManualClock extends Clock implements Connector.Stop {
    private long now = T0.toEpochMilli();

    @Override
    public boolean requested() {
      return false;
    }

    @Override
    public boolean await(long millis) {
      now += millis;
      return false;
    }

    @Override
    public long millis() {
      return now;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(now);
    }

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  @Test
  void aRetriedRunSkipsWhatAnEarlierRunGotIntoKafka() throws Exception {
    List<SourceRecord> records = new ArrayList<>();
    for (int i = 0; i < ReplayConnector.FLUSH_EVERY + 50; i++) {
      records.add(reading(i * 30L));
    }
    RecordingSink sink = new RecordingSink();
    ReplayConnector replay = new ReplayConnector("pems", List.of(file(records)), ReplayPacing.AS_FAST_AS_POSSIBLE,
        TimeFilter.ALL, Clock.systemUTC());
    // the first flush succeeds (10,000 records in Kafka), the final one fails: the run throws, and is retried
    RecordingSink failingAtEnd = new RecordingSink() {
      int flushes;

      @Override
      public synchronized void flush() {
        if (++flushes == 2) {
          failNextFlush(new SinkException("broker refused", null));
        }
        super.flush();
      }
    };
    assertThatThrownBy(() -> replay.run(failingAtEnd, NEVER)).isInstanceOf(SinkException.class);
    assertThat(failingAtEnd.flushed()).hasSize(ReplayConnector.FLUSH_EVERY);

    replay.run(sink, NEVER);
    List<SourceRecord> union = new ArrayList<>(failingAtEnd.flushed());
    union.addAll(sink.flushed());
    assertThat(union).containsExactlyElementsOf(records);
  }

  @Test
  void speedIsParsedTheWaysPeopleWriteIt() {
    assertThat(ReplayPacing.parse("max").paced()).isFalse();
    assertThat(ReplayPacing.parse("realtime").speedFactor()).isEqualTo(1);
    assertThat(ReplayPacing.parse("60x").speedFactor()).isEqualTo(60);
    assertThatThrownBy(() -> ReplayPacing.parse("fast")).hasMessageContaining("max, realtime");
    assertThatThrownBy(() -> ReplayPacing.parse("-2")).hasMessageContaining("positive");
  }
}
