package io.roadstream.pipeline;

import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.event.DeadLetter;
import io.roadstream.core.event.DeadLetterReason;
import java.time.Instant;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * An event that arrived after its window was final becomes a dead letter, its payload re-encoded (see
 * {@link TrafficEvent#encode}).
 */
public final class LateEvents implements MapFunction<TrafficEvent, DeadLetter> {

  private final EventCodec codec;
  private final long windowMillis;
  private final long allowedLatenessMillis;

  public LateEvents(EventCodec codec, long windowMillis, long allowedLatenessMillis) {
    this.codec = codec;
    this.windowMillis = windowMillis;
    this.allowedLatenessMillis = allowedLatenessMillis;
  }

  @Override
  public DeadLetter map(TrafficEvent event) {
    byte[] payload = event.encode(codec);
    long windowEnd = event.eventTime() - Math.floorMod(event.eventTime(), windowMillis) + windowMillis;
    String reason = "late: event time " + Instant.ofEpochMilli(event.eventTime()) + " belongs to the window ending "
        + Instant.ofEpochMilli(windowEnd) + ", which was final " + allowedLatenessMillis / 1000
        + " s after its end (pipeline.allowedLatenessSeconds)";
    return new DeadLetter(event.sourceTopic(), event.partition(), event.offset(), null, payload,
        DeadLetterReason.LATE, reason, System.currentTimeMillis());
  }
}
