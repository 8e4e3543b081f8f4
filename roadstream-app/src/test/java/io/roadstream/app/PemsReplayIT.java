package io.roadstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.roadstream.app.kafka.KafkaClients;
import io.roadstream.app.kafka.TopicCreator;
import io.roadstream.app.runtime.EmbeddedPipeline;
import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.config.RoadstreamConfig;
import io.roadstream.core.config.Topics;
import io.roadstream.core.congestion.CongestionEvent;
import io.roadstream.core.congestion.CongestionEventType;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.network.RoadNetworkLoader;
import io.roadstream.embedded.EmbeddedKafkaBroker;
import io.roadstream.ingest.connect.ConnectorMetrics;
import io.roadstream.ingest.connect.ConnectorRuntime;
import io.roadstream.ingest.connect.KafkaEventSink;
import io.roadstream.ingest.replay.ReplayConnector;
import io.roadstream.ingest.replay.ReplayFormat;
import io.roadstream.ingest.replay.ReplayOptions;
import io.roadstream.ingest.replay.ReplayPacing;
import io.roadstream.ingest.replay.TimeFilter;
import io.roadstream.testkit.KafkaTestBroker;
import io.roadstream.testkit.KafkaTestClients;
import io.roadstream.testkit.TestConfigs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Real loop-detector data through the whole pipeline: a day of Caltrans PeMS 5-minute station data for US-101
 * northbound is replayed into Kafka by the replay connector, and the Flink job (5-minute windows, the network of the
 * four mainline stations) runs over it. On Tuesday 2022-10-04 the afternoon peak jams the road: a jam must open then,
 * and be cleared in the evening. On Tuesday 2022-11-22 traffic flows all day: no jam may open.
 *
 * <p>When the road is congested is taken from the file itself, by a rule independent of the pipeline's: the
 * 5-minute intervals where a mainline station's mean speed is under 40 mph (64 km/h).
 */
@ExtendWith(KafkaTestBroker.class)
class PemsReplayIT {

  private static final Path DATA = Path.of("../../shared/data/pems");
  private static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");
  private static final RoadNetwork NETWORK = new RoadNetworkLoader().load("us101-n-pems");
  private static final double SLOW_MPH = 40;

  @Test
  void theOctoberAfternoonPeakOpensAJamThatClearsInTheEvening(EmbeddedKafkaBroker broker) throws Exception {
    Path file = DATA.resolve("d04_text_station_5min_2022_10_04.csv");
    List<LocalTime> slow = slowIntervals(file);
    assertThat(slow).as("the file's own slow intervals").isNotEmpty();
    LocalTime firstSlow = slow.get(0);
    LocalTime lastSlow = slow.get(slow.size() - 1);

    List<CongestionEvent> events = replayThroughPipeline(broker, file, "pems-oct");

    List<CongestionEvent> opened = ofType(events, CongestionEventType.OPENED);
    List<CongestionEvent> cleared = ofType(events, CongestionEventType.CLEARED);
    assertThat(opened).as("jams opened").isNotEmpty();
    assertThat(opened).allSatisfy(e -> assertThat(NETWORK.segment(e.headSegmentId())).isPresent());
    LocalTime firstOpen = local(opened.get(0).time());
    assertThat(firstOpen).as("the first jam opens in the afternoon peak, near the first slow interval %s", firstSlow)
        .isBetween(LocalTime.of(15, 0), LocalTime.of(19, 0))
        .isBetween(firstSlow.minusMinutes(15), firstSlow.plusMinutes(30));
    assertThat(opened).extracting(e -> local(e.time()))
        .allSatisfy(t -> assertThat(t).isBetween(LocalTime.of(15, 0), LocalTime.of(19, 0)));
    assertThat(cleared).as("every jam that opened is cleared the same day")
        .extracting(CongestionEvent::jamId)
        .containsExactlyInAnyOrderElementsOf(opened.stream().map(CongestionEvent::jamId).toList());
    LocalTime lastClear = local(cleared.get(cleared.size() - 1).time());
    assertThat(lastClear).as("the last jam clears in the evening, soon after the last slow interval %s", lastSlow)
        .isBetween(LocalTime.of(17, 30), LocalTime.of(21, 0))
        .isBetween(lastSlow, lastSlow.plusMinutes(45));
  }

  @Test
  void theNovemberDayWithFlowingTrafficOpensNoJam(EmbeddedKafkaBroker broker) throws Exception {
    Path file = DATA.resolve("d04_text_station_5min_2022_11_22.csv");
    assertThat(slowIntervals(file)).as("the file's own slow intervals").isEmpty();

    List<CongestionEvent> events = replayThroughPipeline(broker, file, "pems-nov");

    assertThat(ofType(events, CongestionEventType.OPENED)).isEmpty();
  }

  private static List<CongestionEvent> replayThroughPipeline(EmbeddedKafkaBroker broker, Path file, String name)
      throws Exception {
    RoadstreamConfig config = TestConfigs.isolated(broker.bootstrapServers(), name, Map.of(
        "network", "us101-n-pems", "pipeline.windowSeconds", "300", "pipeline.parallelism", "2"));
    Topics topics = config.kafka().topics();
    Map<String, Object> client = KafkaClients.properties(config.kafka());
    TopicCreator.ensure(client, topics.all(), 2, (short) 1);

    ReplayConnector replay = new ReplayConnector(name, List.of(() -> ReplayFormat.named("pems")
        .open(file, ReplayOptions.DEFAULTS)), ReplayPacing.AS_FAST_AS_POSSIBLE, TimeFilter.ALL, Clock.systemUTC());
    KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
        KafkaEventSink.producerSettings(client, KafkaEventSink.DEFAULT_BUFFER_BYTES), new StringSerializer(),
        new ByteArraySerializer());
    try (ConnectorRuntime runtime = new ConnectorRuntime(IngestCommand.SOURCE_BACKOFF)) {
      ConnectorMetrics metrics = runtime.start(replay, m -> new KafkaEventSink(producer, topics, m, Clock.systemUTC()));
      assertThat(runtime.awaitFinished(Duration.ofSeconds(60))).as("replay finished").isTrue();
      // four mainline stations, 288 five-minute intervals each; the five ramp stations are not replayed
      assertThat(metrics.produced()).isEqualTo(4 * 288);
      assertThat(metrics.rejectedTotal()).isZero();
    } finally {
      producer.close(Duration.ofSeconds(10));
    }

    try (EmbeddedPipeline pipeline = EmbeddedPipeline.start(config, NETWORK, true)) {
      pipeline.awaitFinished(3, TimeUnit.MINUTES);
    }
    EventCodec codec = new EventCodec();
    List<CongestionEvent> events = new ArrayList<>();
    try (KafkaTestClients kafka = new KafkaTestClients(broker.bootstrapServers())) {
      for (ConsumerRecord<byte[], byte[]> r :
          kafka.readToEnd(topics.congestion(), Duration.ofSeconds(30), IsolationLevel.READ_COMMITTED)) {
        events.add(codec.decodeCongestion(r.value()));
      }
    }
    events.sort(java.util.Comparator.comparingLong(CongestionEvent::time));
    events.forEach(e -> System.out.println(local(e.time()) + " " + e));
    return events;
  }

  private static List<CongestionEvent> ofType(List<CongestionEvent> events, CongestionEventType type) {
    return events.stream().filter(e -> e.type() == type).toList();
  }

  private static LocalTime local(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).atZone(PACIFIC).toLocalTime();
  }

  /** Intervals (local start time) in which a mainline station's Avg Speed is under 40 mph, read straight off the CSV. */
  private static List<LocalTime> slowIntervals(Path file) throws IOException {
    DateTimeFormatter format = DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss");
    List<LocalTime> slow = new ArrayList<>();
    List<String> lines = Files.readAllLines(file);
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      if (f[5].equals("ML") && !f[11].isEmpty() && Double.parseDouble(f[11]) < SLOW_MPH) {
        LocalTime t = LocalDateTime.parse(f[0], format).toLocalTime();
        if (!slow.contains(t)) {
          slow.add(t);
        }
      }
    }
    slow.sort(null);
    return slow;
  }
}
