package io.roadstream.pipeline;

import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.event.DeadLetter;
import io.roadstream.core.event.DeadLetterReason;
import io.roadstream.core.validation.SourceClock;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per source ({@link TrafficEvent#sourceKey}): core's {@link SourceClock} rule. Events that move the source forward
 * pass; a repeat or a clock going back becomes a {@link DeadLetterReason#OUT_OF_ORDER} dead letter.
 *
 * <p>A source is forgotten once the watermark is {@code forgetAfterMillis} past its last event. The caller passes
 * the window plus its allowed lateness: by then any event older than the forgotten one is late for its window and
 * goes to the dead letters as {@code LATE}, so forgetting loses no check that matters and the state stays as
 * small as the set of sources currently reporting.
 */
public final class SourceOrderFunction extends KeyedProcessFunction<String, TrafficEvent, TrafficEvent> {

  /** Forget timers are rounded up to this, so a source reporting every few seconds holds one timer a minute. */
  private static final long TIMER_GRANULARITY_MILLIS = 60_000;

  private final long forgetAfterMillis;
  private final EventCodec codec;
  private transient ValueState<Long> lastAccepted;

  public SourceOrderFunction(long forgetAfterMillis, EventCodec codec) {
    this.forgetAfterMillis = forgetAfterMillis;
    this.codec = codec;
  }

  @Override
  public void open(OpenContext context) {
    lastAccepted = getRuntimeContext().getState(new ValueStateDescriptor<>("last-accepted", Types.LONG));
  }

  @Override
  public void processElement(TrafficEvent event, Context ctx, Collector<TrafficEvent> out) throws Exception {
    long time = event.eventTime();
    Optional<String> refusal = SourceClock.refusal(event.sourceKey(), lastAccepted.value(), time);
    if (refusal.isPresent()) {
      ctx.output(DeadLetterSplitter.DEAD_LETTERS, new DeadLetter(event.sourceTopic(), event.partition(),
          event.offset(), null, event.encode(codec), DeadLetterReason.OUT_OF_ORDER, refusal.get(),
          System.currentTimeMillis()));
      return;
    }
    lastAccepted.update(time);
    long forgetAt = time + forgetAfterMillis;
    ctx.timerService().registerEventTimeTimer(
        forgetAt - Math.floorMod(forgetAt, TIMER_GRANULARITY_MILLIS) + TIMER_GRANULARITY_MILLIS);
    out.collect(event);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<TrafficEvent> out) throws Exception {
    Long last = lastAccepted.value();
    if (last != null && last + forgetAfterMillis <= timestamp) {
      lastAccepted.clear();
    }
  }
}
