package io.roadstream.pipeline;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/** Event-time policy: bounded out-of-orderness, and idleness so a quiet partition never stalls the others. */
public final class EventTime {

  private EventTime() {}

  public static WatermarkStrategy<TrafficEvent> strategy(Duration maxOutOfOrderness, Duration idleness) {
    return WatermarkStrategy.<TrafficEvent>forBoundedOutOfOrderness(maxOutOfOrderness)
        .withTimestampAssigner((event, kafkaTimestamp) -> event.eventTime())
        .withIdleness(idleness);
  }
}
