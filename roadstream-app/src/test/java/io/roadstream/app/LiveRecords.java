package io.roadstream.app;

import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.config.Topics;
import io.roadstream.core.congestion.CongestionEvent;
import io.roadstream.core.congestion.CongestionEventType;
import io.roadstream.core.event.Incident;
import io.roadstream.core.event.IncidentType;
import io.roadstream.core.event.LevelOfService;
import io.roadstream.core.event.SegmentStats;
import io.roadstream.core.event.SignalPlan;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Records of the live topics (Metroville ids), keyed as the job keys them, and what the live picture must show after
 * them, worked out here from the records alone.
 */
final class LiveRecords {

  static final Instant T0 = Instant.parse("2026-11-27T07:30:00Z");

  private final Topics topics;
  private final EventCodec codec = new EventCodec();

  LiveRecords(Topics topics) {
    this.topics = topics;
  }

  /** Segment {@code segmentId}'s window {@code window} (minutes after T0) at {@code speed} km/h. */
  static SegmentStats stats(String segmentId, int window, double speed) {
    long start = T0.plusSeconds(60L * window).toEpochMilli();
    return new SegmentStats(segmentId, start, start + 60_000, speed, 1500.0, 1500.0 / speed / 2, 0.12,
        3600 * 0.5 / speed, LevelOfService.C, 4, 6);
  }

  static CongestionEvent jam(String jamId, CongestionEventType type, int minute, String... segmentIds) {
    long time = T0.plusSeconds(60L * minute).toEpochMilli();
    boolean cleared = type == CongestionEventType.CLEARED;
    return new CongestionEvent(jamId, type, time, T0.toEpochMilli(), segmentIds[0], segmentIds[segmentIds.length - 1],
        cleared ? new String[0] : segmentIds, cleared ? 0 : 0.6 * segmentIds.length, cleared ? null : 9.5,
        new SegmentStats[0]);
  }

  static Incident incident(String id, IncidentType type, int minute) {
    return new Incident(id, type, "accident", "probes", T0.plusSeconds(60L * minute).toEpochMilli(), "M1-E-03", 150.0,
        null, null, new String[] {"car-1", "car-2"}, "two vehicles stopped at one place");
  }

  static SignalPlan plan(String intersectionId, int minute, double cycleS) {
    long at = T0.plusSeconds(60L * minute).toEpochMilli();
    double green = (cycleS - 8) / 2;
    return new SignalPlan(intersectionId, at, cycleS, 8.0, List.of(new SignalPlan.Phase(List.of("M1-E-01"), 0.3, green),
        new SignalPlan.Phase(List.of("M1-E-02"), 0.3, green)), 0.6, false, at - 300_000, at);
  }

  ProducerRecord<byte[], byte[]> record(SegmentStats s) {
    return record(topics.segmentStats(), s.segmentId(), codec.encode(s));
  }

  ProducerRecord<byte[], byte[]> record(CongestionEvent e) {
    return record(topics.congestion(), e.jamId(), codec.encode(e));
  }

  ProducerRecord<byte[], byte[]> record(Incident i) {
    return record(topics.incidents(), i.incidentId(), codec.encode(i));
  }

  ProducerRecord<byte[], byte[]> record(SignalPlan p) {
    return record(topics.signalPlans(), p.intersectionId(), codec.encode(p));
  }

  private static ProducerRecord<byte[], byte[]> record(String topic, String key, byte[] value) {
    return new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value);
  }

  /**
   * The window each segment must show after {@code produced} (in produce order): the one with the latest start, and of
   * two versions of that window the later one; a late version of an earlier window changes nothing.
   */
  static Map<String, SegmentStats> latest(List<SegmentStats> produced) {
    Map<String, SegmentStats> latest = new LinkedHashMap<>();
    for (SegmentStats s : produced) {
      SegmentStats held = latest.get(s.segmentId());
      if (held == null || s.windowStart() >= held.windowStart()) {
        latest.put(s.segmentId(), s);
      }
    }
    return latest;
  }
}
