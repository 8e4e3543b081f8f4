package io.roadstream.pipeline;

import io.roadstream.core.event.DeadLetter;
import io.roadstream.core.event.DeadLetterReason;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Passes usable events on and sends dead letters to a side output, counting them per reason. */
public final class DeadLetterSplitter extends ProcessFunction<TrafficEvent, TrafficEvent> {

  public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") { };

  private transient Map<DeadLetterReason, Counter> counters;

  @Override
  public void open(OpenContext context) {
    counters = new EnumMap<>(DeadLetterReason.class);
    for (DeadLetterReason reason : DeadLetterReason.values()) {
      counters.put(reason, getRuntimeContext().getMetricGroup()
          .addGroup("reason", reason.name().toLowerCase(java.util.Locale.ROOT)).counter("deadLetters"));
    }
  }

  @Override
  public void processElement(TrafficEvent event, Context ctx, Collector<TrafficEvent> out) {
    if (event.isDeadLetter()) {
      if (counters != null) {
        counters.get(event.deadLetter().reasonCode()).inc();
      }
      ctx.output(DEAD_LETTERS, event.deadLetter());
    } else {
      out.collect(event);
    }
  }
}
