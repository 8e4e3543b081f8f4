package io.roadstream.pipeline;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/** Event-time policy: bounded out-of-orderness, and idleness so a quiet partition never stalls the others. */
public final class EventTime {

  private EventTime() {}

  /** @param idleness a partition silent this long (wall-clock) stops holding back event time; null = never */
  public static WatermarkStrategy<TrafficEvent> strategy(Duration maxOutOfOrderness, Duration idleness) {
    WatermarkStrategy<TrafficEvent> strategy = WatermarkStrategy.<TrafficEvent>forBoundedOutOfOrderness(maxOutOfOrderness)
        .withTimestampAssigner((event, kafkaTimestamp) -> event.eventTime());
    return idleness == null ? strategy : strategy.withIdleness(idleness);
  }
}
