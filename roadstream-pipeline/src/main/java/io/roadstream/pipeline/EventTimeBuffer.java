package io.roadstream.pipeline;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;

/**
 * Holds a keyed operator's input until the watermark reaches each record's event time, then hands it back in event
 * time order. A keyed operator fed by several parallel tasks sees each task's records in order, but the tasks
 * interleaved as they happen to run: live, a few seconds apart; in a replay or while catching up after downtime,
 * minutes of one task before the other. Rules that combine records of different keys upstream — two vehicles
 * stopping at one place, segments joining one jam, sources seeing one incident — need event time order, which costs
 * the watermark's delay (the pipeline's out-of-orderness bound plus a few hundred milliseconds).
 *
 * <p>Records are kept in keyed map state by event time, with an event-time timer per distinct time; the operator's
 * {@code onTimer} calls {@link #release}. A record whose time the watermark has already passed is not held: the
 * caller applies it at once.
 */
final class EventTimeBuffer<T> {

  private final MapState<Long, T[]> waiting;
  private final IntFunction<T[]> newArray;

  EventTimeBuffer(RuntimeContext context, String name, TypeInformation<T[]> arrayType, IntFunction<T[]> newArray) {
    this.waiting = context.getMapState(new MapStateDescriptor<>(name, Types.LONG, arrayType));
    this.newArray = newArray;
  }

  /** @return false when {@code time} is already behind the watermark: the caller applies {@code record} now */
  boolean hold(long time, T record, TimerService timers) throws Exception {
    if (time <= timers.currentWatermark()) {
      return false;
    }
    T[] before = waiting.get(time);
    T[] now = before == null ? newArray.apply(1) : Arrays.copyOf(before, before.length + 1);
    now[now.length - 1] = record;
    waiting.put(time, now);
    timers.registerEventTimeTimer(time);
    return true;
  }

  /** The records held for {@code time}, in arrival order, now released; empty when none. */
  List<T> release(long time) throws Exception {
    T[] due = waiting.get(time);
    if (due == null) {
      return List.of();
    }
    waiting.remove(time);
    return List.of(due);
  }
}
