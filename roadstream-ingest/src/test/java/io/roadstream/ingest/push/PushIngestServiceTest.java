package io.roadstream.ingest.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.roadstream.core.codec.DecodeException;
import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.codec.EventLimits;
import io.roadstream.core.config.Topics;
import io.roadstream.core.event.DeadLetter;
import io.roadstream.core.event.DeadLetterReason;
import io.roadstream.ingest.connect.EventKind;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class PushIngestServiceTest {

  private static final Instant NOW = Instant.parse("2026-11-27T08:00:00Z");
  private static final long SEVEN_THIRTY = Instant.parse("2026-11-27T07:30:00Z").toEpochMilli();
  private static final Topics TOPICS = new Topics("t.");

  private final EventCodec codec = new EventCodec(EventLimits.DEFAULT, Clock.fixed(NOW, ZoneOffset.UTC));
  private final MockProducer<String, byte[]> kafka =
      new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
  private final PushIngestService service = service(kafka, Duration.ofSeconds(5));

  @Test
  void putsEachNdjsonReadingOnTheReadingsTopicKeyedBySensor() throws Exception {
    PushResult result = service.ingest(EventKind.READINGS,
        bytes(reading("D-1", 5) + "\n\n" + reading("D-2", 6) + "\r\n"), "application/x-ndjson");

    assertThat(result).isEqualTo(new PushResult(2, List.of()));
    assertThat(kafka.history()).extracting(ProducerRecord::topic, ProducerRecord::key)
        .containsExactly(tuple("t.readings", "D-1"), tuple("t.readings", "D-2"));
    assertThat(codec.decodeReading(kafka.history().get(1).value()).vehicleCount()).isEqualTo(6);
  }

  @Test
  void putsEachElementOfAJsonArrayOnItsTopic() throws Exception {
    String positions = "[" + position("v-1") + ",\n " + position("v-2") + "]";

    PushResult result = service.ingest(EventKind.POSITIONS, bytes(positions), "application/json; charset=utf-8");

    assertThat(result.accepted()).isEqualTo(2);
    assertThat(kafka.history()).extracting(ProducerRecord::topic, ProducerRecord::key)
        .containsExactly(tuple("t.positions", "v-1"), tuple("t.positions", "v-2"));
  }

  @Test
  void tellsAnArrayFromNdjsonWithoutAContentType() throws Exception {
    assertThat(service.ingest(EventKind.READINGS, bytes(" [" + reading("D-1", 1) + "]"), null).accepted())
        .isEqualTo(1);
    assertThat(service.ingest(EventKind.READINGS, bytes(reading("D-1", 2) + "\n" + reading("D-1", 3)),
        "text/plain").accepted()).isEqualTo(2);
  }

  @Test
  void rejectsBadRecordsByIndexAndLineAndSendsThemToTheDeadLettersAsPush() throws Exception {
    String body = reading("D-1", 1) + "\n"
        + "{not json\n"
        + "\n"
        + reading("D-2", 1).replace("\"intervalS\":30,", "") + "\n"
        + reading("D-3", 3) + "\n";

    PushResult result = service.ingest(EventKind.READINGS, bytes(body), "application/x-ndjson");

    assertThat(result.accepted()).isEqualTo(2);
    assertThat(result.rejected()).extracting(PushResult.Rejection::index, PushResult.Rejection::line,
        PushResult.Rejection::code).containsExactly(tuple(1, 2, DeadLetterReason.MALFORMED),
        tuple(2, 4, DeadLetterReason.INVALID));
    assertThat(result.rejected().get(1).reason()).contains("'intervalS' is missing");
    List<ProducerRecord<String, byte[]>> letters =
        kafka.history().stream().filter(r -> r.topic().equals("t.dead-letters")).toList();
    assertThat(letters).hasSize(2);
    DeadLetter missing = decode(letters.get(1));
    assertThat(missing.sourceTopic()).isEqualTo("push");
    assertThat(missing.key()).isEqualTo("POST /ingest/readings, line 4");
    assertThat(missing.reason()).startsWith("POST /ingest/readings, line 4: field 'intervalS' is missing");
    assertThat(missing.payload()).isEqualTo(bytes(reading("D-2", 1).replace("\"intervalS\":30,", "")));
    assertThat(kafka.history().stream().filter(r -> r.topic().equals("t.readings"))).hasSize(2);
  }

  @Test
  void refusesABodyWithoutRecordsOrThatIsNotTheJsonItsTypeSays() {
    assertThatThrownBy(() -> service.ingest(EventKind.READINGS, new byte[0], null))
        .isInstanceOf(PushBodyException.class).hasMessageContaining("empty");
    assertThatThrownBy(() -> service.ingest(EventKind.READINGS, bytes(" \n\r\n"), "application/x-ndjson"))
        .isInstanceOf(PushBodyException.class).hasMessageContaining("empty");
    assertThatThrownBy(() -> service.ingest(EventKind.READINGS, bytes("[]"), "application/json"))
        .isInstanceOf(PushBodyException.class).hasMessageContaining("empty array");
    assertThatThrownBy(() -> service.ingest(EventKind.READINGS,
        bytes(reading("D-1", 1) + "\n" + reading("D-2", 1)), "application/json"))
        .isInstanceOf(PushBodyException.class).hasMessageContaining("application/x-ndjson");
    assertThat(kafka.history()).isEmpty();
  }

  @Test
  void isUnavailableWhenKafkaDoesNotAcknowledgeInTime() {
    MockProducer<String, byte[]> silent =
        new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());

    assertThatThrownBy(() -> service(silent, Duration.ofMillis(50))
        .ingest(EventKind.READINGS, bytes(reading("D-1", 1)), null))
        .isInstanceOf(PushUnavailableException.class).hasMessageContaining("acknowledged 0 of 1 records within 50 ms");
  }

  @Test
  void isUnavailableWhenKafkaRefusesARecord() throws Exception {
    MockProducer<String, byte[]> refusing =
        new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
    PushIngestService s = service(refusing, Duration.ofSeconds(5));
    Thread broker = new Thread(() -> {
      while (!refusing.errorNext(new NotEnoughReplicasException("2 of 3 replicas down"))) {
        Thread.onSpinWait();
      }
    });
    broker.start();

    assertThatThrownBy(() -> s.ingest(EventKind.READINGS, bytes(reading("D-1", 1)), null))
        .isInstanceOf(PushUnavailableException.class).hasMessageContaining("replicas down");
    broker.join(5_000);
  }

  private PushIngestService service(MockProducer<String, byte[]> producer, Duration timeout) {
    return new PushIngestService(producer, TOPICS, codec, timeout, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private DeadLetter decode(ProducerRecord<String, byte[]> r) throws DecodeException {
    return codec.decodeDeadLetter(r.value());
  }

  private static String reading(String sensor, int count) {
    return "{\"sensorId\":\"" + sensor + "\",\"time\":" + SEVEN_THIRTY + ",\"intervalS\":30,\"vehicleCount\":" + count
        + ",\"avgSpeedKmh\":96.4,\"occupancy\":0.07}";
  }

  private static String position(String vehicle) {
    return "{\"vehicleId\":\"" + vehicle + "\",\"time\":" + SEVEN_THIRTY + ",\"lat\":51.9213,\"lon\":4.4512,"
        + "\"speedKmh\":97.0}";
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
