package io.roadstream.ingest.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.roadstream.core.event.SensorReading;
import io.roadstream.core.retry.RetrySchedule;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConnectorRuntimeTest {

  private static final RetrySchedule FAST = new RetrySchedule(1, Duration.ofMillis(1), Duration.ofMillis(5), 2);

  private static SourceRecord reading(int i) {
    return SourceRecord.of(new SensorReading("S1", 1_700_000_000_000L + i * 30_000L, 30, 5, 80.0, 0.1));
  }

  /** Fails on its first two runs, then hands over three readings and ends, like a file behind a flaky mount. */
  private static final class FlakyConnector implements Connector {
    final AtomicInteger runs = new AtomicInteger();

    @Override
    public String name() {
      return "flaky";
    }

    @Override
    public void run(EventSink sink, Stop stop) throws Exception {
      if (runs.incrementAndGet() <= 2) {
        throw new java.io.IOException("mount not ready");
      }
      for (int i = 0; i < 3; i++) {
        sink.accept(reading(i));
      }
    }
  }

  @Test
  void aFailingConnectorIsRunAgainAfterABackoffUntilItSucceeds() throws Exception {
    RecordingSink sink = new RecordingSink();
    FlakyConnector connector = new FlakyConnector();
    try (ConnectorRuntime runtime = new ConnectorRuntime(FAST)) {
      ConnectorMetrics metrics = runtime.start(connector, m -> sink);
      assertThat(runtime.awaitFinished(Duration.ofSeconds(10))).isTrue();
      assertThat(connector.runs).hasValue(3);
      assertThat(metrics.errors()).isEqualTo(2);
      assertThat(metrics.lastError()).isEqualTo("mount not ready");
    }
    assertThat(sink.flushed()).hasSize(3);
  }

  @Test
  void closeStopsAnEndlessConnectorAndFlushesWhatItHanded() throws Exception {
    RecordingSink sink = new RecordingSink();
    AtomicInteger handed = new AtomicInteger();
    Connector endless = new Connector() {
      @Override
      public String name() {
        return "endless";
      }

      @Override
      public void run(EventSink s, Stop stop) throws Exception {
        while (!stop.requested()) {
          s.accept(reading(handed.getAndIncrement()));
          stop.await(1);
        }
      }
    };
    ConnectorRuntime runtime = new ConnectorRuntime(FAST);
    runtime.start(endless, m -> sink);
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> handed.get() >= 5);
    runtime.close();
    assertThat(runtime.finished()).isTrue();
    assertThat(sink.flushed()).hasSize(handed.get());
  }
}
