package io.roadstream.pipeline;

import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.event.DeadLetter;
import io.roadstream.core.event.DeadLetterReason;
import io.roadstream.core.validation.SourceClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Core's {@link SourceClock} rule per source ({@link TrafficEvent#sourceId}): events that move their source forward
 * pass; a repeat or a clock going back becomes an {@link DeadLetterReason#OUT_OF_ORDER} dead letter. It runs keyed
 * by the partitioning the pipeline needs next — by segment for detector readings (each detector belongs to one
 * segment) — so that the check costs no shuffle of its own; events it does not {@link Checked check} pass through.
 * (Vehicles and reports have their clocks checked by {@link VehicleFunction}, keyed by source id.) This runs for
 * every event: it allocates no key strings, and registers a timer only when the rounded forget time moves.
 *
 * <p>A source is forgotten once the watermark is {@code forgetAfterMillis} past its last event. The caller passes
 * the window plus its allowed lateness: by then any event older than the forgotten one is late for its window and
 * goes to the dead letters as {@code LATE}, so forgetting loses no check that matters and the state stays as
 * small as the set of sources currently reporting.
 */
public final class SourceOrderFunction extends KeyedProcessFunction<String, TrafficEvent, TrafficEvent> {

  /** Which events a stage checks (the others pass through), and how it tells their sources apart in its state. */
  public enum Checked {
    /** Keyed by segment: only readings are checked, one entry per detector on the segment. */
    READINGS_BY_SEGMENT {
      @Override
      boolean checks(TrafficEvent event) {
        return event.reading() != null;
      }

      @Override
      String stateKey(TrafficEvent event) {
        return event.reading().sensorId();
      }
    };

    abstract boolean checks(TrafficEvent event);

    abstract String stateKey(TrafficEvent event);
  }

  /** Forget timers are rounded up to this, so a key whose sources report every few seconds holds one a minute. */
  private static final long TIMER_GRANULARITY_MILLIS = 60_000;

  private final long forgetAfterMillis;
  private final EventCodec codec;
  private final Checked checked;
  private transient MapState<String, Long> lastAccepted;

  public SourceOrderFunction(long forgetAfterMillis, EventCodec codec, Checked checked) {
    this.forgetAfterMillis = forgetAfterMillis;
    this.codec = codec;
    this.checked = checked;
  }

  @Override
  public void open(OpenContext context) {
    lastAccepted = getRuntimeContext().getMapState(
        new MapStateDescriptor<>("last-accepted", Types.STRING, Types.LONG));
  }

  @Override
  public void processElement(TrafficEvent event, Context ctx, Collector<TrafficEvent> out) throws Exception {
    if (!checked.checks(event)) {
      out.collect(event);
      return;
    }
    String source = checked.stateKey(event);
    long time = event.eventTime();
    Long last = lastAccepted.get(source);
    if (last != null && time <= last) {
      ctx.output(DeadLetterSplitter.DEAD_LETTERS, outOfOrder(event, last, codec));
      return;
    }
    lastAccepted.put(source, time);
    long forgetAt = forgetTimer(time);
    if (last == null || forgetTimer(last) != forgetAt) {
      ctx.timerService().registerEventTimeTimer(forgetAt);
    }
    out.collect(event);
  }

  /** The dead letter of an event that does not move its source forward from {@code last}: core's refusal text. */
  static DeadLetter outOfOrder(TrafficEvent event, long last, EventCodec codec) {
    String refusal = SourceClock.refusal(event.sourceKind() + " '" + event.sourceId() + "'", last,
        event.eventTime()).orElseThrow();
    return new DeadLetter(event.sourceTopic(), event.partition(), event.offset(), null, event.encode(codec),
        DeadLetterReason.OUT_OF_ORDER, refusal, System.currentTimeMillis());
  }

  private long forgetTimer(long time) {
    long forgetAt = time + forgetAfterMillis;
    return forgetAt - Math.floorMod(forgetAt, TIMER_GRANULARITY_MILLIS) + TIMER_GRANULARITY_MILLIS;
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<TrafficEvent> out) throws Exception {
    List<String> forgotten = new ArrayList<>();
    for (Map.Entry<String, Long> source : lastAccepted.entries()) {
      if (source.getValue() + forgetAfterMillis <= timestamp) {
        forgotten.add(source.getKey());
      }
    }
    for (String source : forgotten) {
      lastAccepted.remove(source);
    }
  }
}
