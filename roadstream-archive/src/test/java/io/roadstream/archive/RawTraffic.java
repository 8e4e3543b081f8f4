package io.roadstream.archive;

import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.config.Topics;
import io.roadstream.core.event.IncidentReport;
import io.roadstream.core.event.ProbePosition;
import io.roadstream.core.event.SensorReading;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Raw traffic for the archive tests: readings, positions and reports spread over four event-time hours, produced in
 * an order where a tenth of them comes an hour or more late, with a few records no consumer can decode among them.
 * Each produced record is remembered with where Kafka put it and the row the archive must hold for it, written
 * here by hand from the event's fields (docs/events.md), not by the archive's code.
 */
final class RawTraffic {

  static final Instant START = Instant.parse("2026-11-27T05:40:00Z");

  /**
   * One record as produced: topic, partition, offset, and the expected row; for a record no consumer can decode, no
   * row but what was sent and the dead-letter reason code it deserves.
   */
  record Produced(String kind, String topic, int partition, long offset, long eventTime, Map<String, Object> row,
      Bad bad) {
    String id() {
      return topic + "/" + partition + "/" + offset;
    }
  }

  /** A record no consumer can decode: its key and value as sent, and the reason code it deserves. */
  record Bad(String key, String value, String reasonCode) {}

  private record Outgoing(String kind, String topic, String key, byte[] value, long time, Map<String, Object> row,
      String badReasonCode) {
    Outgoing(String kind, String topic, String key, byte[] value, long time, Map<String, Object> row) {
      this(kind, topic, key, value, time, row, null);
    }
  }

  private RawTraffic() {}

  /** Produces about {@code 2 × perKind} readings and positions and a few reports and malformed records. */
  static List<Produced> produce(String bootstrap, Topics topics, int perKind) throws Exception {
    EventCodec codec = new EventCodec();
    Random random = new Random(20261127);
    List<Outgoing> outgoing = new ArrayList<>();
    long start = START.toEpochMilli();
    long span = 160 * 60_000L; // 05:40 .. 08:20: four hours
    for (int i = 0; i < perKind; i++) {
      long t = start + (span * i / perKind) / 1000 * 1000;
      String sensor = "D-" + (i % 17);
      Integer count = i % 9 == 0 ? null : 5 + random.nextInt(30);
      Double speed = i % 11 == 0 ? null : Math.round(200 + random.nextDouble() * 1000) / 10.0;
      Double occupancy = i % 13 == 0 ? null : Math.round(random.nextDouble() * 1000) / 1000.0;
      SensorReading r = new SensorReading(sensor, t, 30, count, speed, occupancy);
      outgoing.add(new Outgoing("readings", topics.readings(), sensor, codec.encode(r), t, row(
          "sensorId", sensor, "time", t, "intervalS", 30, "vehicleCount", count, "avgSpeedKmh", speed,
          "occupancy", occupancy)));

      String vehicle = "v-" + (i % 41);
      boolean located = i % 3 == 0;
      Double lat = located ? null : 51.9 + random.nextInt(1000) / 10000.0;
      Double lon = located ? null : 4.4 + random.nextInt(1000) / 10000.0;
      String segment = located ? "S-" + (i % 7) : null;
      Double offsetM = located ? (double) random.nextInt(900) : null;
      Integer lane = located ? 1 + random.nextInt(3) : null;
      double speedKmh = random.nextInt(1300) / 10.0;
      Double heading = i % 5 == 0 ? null : (double) random.nextInt(360);
      ProbePosition p = new ProbePosition(vehicle, t + 500, lat, lon, segment, offsetM, lane, speedKmh, heading);
      outgoing.add(new Outgoing("positions", topics.positions(), vehicle, codec.encode(p), t + 500, row(
          "vehicleId", vehicle, "time", t + 500, "lat", lat, "lon", lon, "segmentId", segment, "offsetM", offsetM,
          "lane", lane, "speedKmh", speedKmh, "headingDeg", heading)));

      if (i % 100 == 0) {
        String id = "cam-" + i;
        IncidentReport rep = new IncidentReport(id, "camera:CAM-" + (i % 4), t, "accident", i % 200 == 0 ? "OPEN"
            : "CLOSED", i % 300 == 0, "S-" + (i % 7), 100.0 + i % 50, null, null, null, i % 400 == 0 ? 1 : null,
            "report " + i);
        outgoing.add(new Outgoing("reports", topics.reports(), id, codec.encode(rep), t, row(
            "reportId", id, "source", rep.source(), "time", t, "kind", "accident", "status", rep.status(),
            "verified", rep.verified(), "segmentId", rep.segmentId(), "offsetM", rep.offsetM(),
            "lanesBlocked", rep.lanesBlocked(), "description", rep.description())));
      }
    }
    // a tenth arrives late: moved from the first hour to the end of the stream
    List<Outgoing> ordered = new ArrayList<>();
    List<Outgoing> late = new ArrayList<>();
    for (int i = 0; i < outgoing.size(); i++) {
      (i % 10 == 3 && outgoing.get(i).time() < start + 20 * 60_000L ? late : ordered).add(outgoing.get(i));
    }
    ordered.addAll(late);
    // records no consumer can decode, spread in
    // (not JSON, or empty: MALFORMED; JSON without the fields a reading or position needs: INVALID)
    String[] bad = {"not json at all", "{\"sensorId\":\"D-1\"}", "", "{\"vehicleId\":\"v-1\",\"time\":1}"};
    String[] badCodes = {"MALFORMED", "INVALID", "MALFORMED", "INVALID"};
    for (int i = 0; i < 8; i++) {
      String topic = i % 2 == 0 ? topics.readings() : topics.positions();
      ordered.add(i * ordered.size() / 8, new Outgoing(i % 2 == 0 ? "readings" : "positions", topic, "bad-" + i,
          bad[i % bad.length].getBytes(StandardCharsets.UTF_8), 0, null, badCodes[i % bad.length]));
    }

    List<Produced> produced = new ArrayList<>();
    java.util.Properties props = new java.util.Properties();
    props.put("bootstrap.servers", bootstrap);
    props.put("acks", "all");
    props.put("enable.idempotence", "true");
    // one request in flight: right after topic creation the broker may refuse the first batch (NOT_LEADER), and
    // batches sent behind it would then be out of sequence until the producer's delivery timeout (2 minutes)
    props.put("max.in.flight.requests.per.connection", "1");
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
        new ByteArraySerializer())) {
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      for (Outgoing o : ordered) {
        sent.add(producer.send(new ProducerRecord<>(o.topic(), o.key().getBytes(StandardCharsets.UTF_8), o.value())));
      }
      producer.flush();
      for (int i = 0; i < ordered.size(); i++) {
        RecordMetadata m = sent.get(i).get(30, TimeUnit.SECONDS);
        Outgoing o = ordered.get(i);
        Map<String, Object> row = null;
        if (o.row() != null) {
          row = new LinkedHashMap<>();
          row.put("kafkaPartition", m.partition());
          row.put("kafkaOffset", m.offset());
          row.put("kafkaKey", o.key());
          row.putAll(o.row());
        }
        produced.add(new Produced(o.kind(), o.topic(), m.partition(), m.offset(), o.time(), row, o.row() != null ? null
            : new Bad(o.key(), new String(o.value(), StandardCharsets.UTF_8), o.badReasonCode())));
      }
    }
    return produced;
  }

  /** A row from name, value pairs; null values are left out, as an absent optional column reads. */
  private static Map<String, Object> row(Object... pairs) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i + 1] != null) {
        row.put((String) pairs[i], pairs[i + 1]);
      }
    }
    return row;
  }
}
