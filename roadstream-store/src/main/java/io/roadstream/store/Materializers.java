package io.roadstream.store;

import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.config.Topics;
import io.roadstream.core.congestion.CongestionEvent;
import io.roadstream.core.event.Alert;
import io.roadstream.core.event.Incident;
import io.roadstream.core.event.SegmentStats;
import io.roadstream.core.event.SignalPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The materializer of each derived topic; each has its own consumer group, {@code <prefix>-<topic>}. */
public final class Materializers {

  private Materializers() {}

  public static String group(String groupPrefix, String topicName) {
    return groupPrefix + "-" + topicName.substring(topicName.lastIndexOf('.') + 1);
  }

  /** Segment stats upserted by (segment, window start); a window updated twice in one poll is written once. */
  public static Materializer<SegmentStats> segmentStats(Map<String, Object> kafka, String groupPrefix, Topics topics,
      SegmentStatsRepository repository, Consumer<List<SegmentStats>> onWritten) {
    EventCodec codec = new EventCodec();
    return new Materializer<>(kafka, group(groupPrefix, topics.segmentStats()), topics.segmentStats(),
        topics.deadLetters(), codec::decodeStats, stats -> repository.upsert(latestPerWindow(stats)), onWritten);
  }

  /** Jam events, in their order, into the jam history and the jams' current extent. */
  public static Materializer<CongestionEvent> congestion(Map<String, Object> kafka, String groupPrefix, Topics topics,
      JamRepository repository) {
    EventCodec codec = new EventCodec();
    return new Materializer<>(kafka, group(groupPrefix, topics.congestion()), topics.congestion(),
        topics.deadLetters(), codec::decodeCongestion, repository::write, events -> { });
  }

  /** Incident lifecycle events, in their order, into the incident history and each incident's state. */
  public static Materializer<Incident> incidents(Map<String, Object> kafka, String groupPrefix, Topics topics,
      IncidentRepository repository) {
    EventCodec codec = new EventCodec();
    return new Materializer<>(kafka, group(groupPrefix, topics.incidents()), topics.incidents(),
        topics.deadLetters(), codec::decodeIncident, repository::write, events -> { });
  }

  /**
   * Driver alerts, the latest message per alert id. Only the segment alerts: the copies addressed to single vehicles
   * are for delivery (a navigation backend consumes them from Kafka), one per vehicle, and would bury the history.
   */
  public static Materializer<Alert> alerts(Map<String, Object> kafka, String groupPrefix, Topics topics,
      AlertRepository repository) {
    EventCodec codec = new EventCodec();
    return new Materializer<>(kafka, group(groupPrefix, topics.alerts()), topics.alerts(), topics.deadLetters(),
        codec::decodeAlert, alerts -> repository.write(alerts.stream().filter(a -> !a.isForVehicle()).toList()),
        events -> { });
  }

  /** Signal plans into the plan history and each intersection's plan in force. */
  public static Materializer<SignalPlan> signalPlans(Map<String, Object> kafka, String groupPrefix, Topics topics,
      SignalPlanRepository repository) {
    EventCodec codec = new EventCodec();
    return new Materializer<>(kafka, group(groupPrefix, topics.signalPlans()), topics.signalPlans(),
        topics.deadLetters(), codec::decodeSignalPlan, repository::write, plans -> { });
  }

  private static List<SegmentStats> latestPerWindow(List<SegmentStats> stats) {
    Map<String, SegmentStats> latest = new LinkedHashMap<>();
    for (SegmentStats s : stats) {
      latest.put(s.segmentId() + "@" + s.windowStart(), s);
    }
    return new ArrayList<>(latest.values());
  }
}
