package io.roadstream.pipeline;

import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.event.DeadLetterReason;
import io.roadstream.core.event.ProbePosition;
import io.roadstream.core.incident.ProbeStopPlace;
import io.roadstream.core.incident.StopTransition;
import io.roadstream.core.incident.StoppedVehicleDetector;
import io.roadstream.core.validation.SourceClock;
import io.roadstream.pipeline.serde.SourceStateSerializer;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Per source id, for probe positions and incident reports: core's {@link SourceClock} rule (an event that does not
 * move its vehicle or report forward in time becomes an {@link DeadLetterReason#OUT_OF_ORDER} dead letter; a
 * vehicle and a report may share an id and have a clock each), then, for positions, core's stopped-vehicle rule,
 * whose changes go to {@link #STOP_CHANGES}. Accepted events go on unchanged. Everything about one id is one
 * {@link SourceState} value, so an event costs one state read and one write.
 *
 * <p>What is forgotten, and when, is what the two operators this one replaced did with a timer each: a clock once
 * the watermark is {@code forgetClocksAfter} past its last event, on a one-minute grid (the caller passes the window
 * plus its allowed lateness, so forgetting loses no check that matters); a vehicle silent for {@code goneAfter}, on
 * a 10 s grid, leaves the place it stood at (a {@link StopChange} at the timer's instant) and the rule forgets it.
 * The instants are those of the first grid timer such an operator had at or after the deadline. Here they share
 * one timer per key, which is not moved while the vehicle reports: when it fires before the earliest deadline it
 * is set again for that deadline. A vehicle reporting every few seconds so costs a timer a minute, not one each
 * 10 s and a minute. Two corner cases differ, both only for events more than {@code forgetClocksAfter} late: a
 * vehicle and a report sharing an id could, before, have one clock forgotten at any grid timer the other's events
 * had set, and now only at the other's last one; and an event arriving right after its id was forgotten may be
 * forgotten one grid step later than the old operators' leftover timers would have made it.
 */
public final class VehicleFunction extends KeyedProcessFunction<String, TrafficEvent, TrafficEvent> {

  /** The stopped-vehicle rule's changes, keyed downstream by place. */
  public static final OutputTag<StopChange> STOP_CHANGES = new OutputTag<>("stop-changes") { };

  /**
   * The positions that can change where the alert operator sees a vehicle, keyed downstream by segment: the first
   * on each segment and the first in each expiry step there ({@link VehiclePresence#changesPresence}).
   */
  public static final OutputTag<VehicleSighting> SIGHTINGS = new OutputTag<>("vehicle-sightings") { };

  /** Clocks are forgotten on this grid, so a source reporting every few seconds needs a timer a minute. */
  private static final long CLOCK_GRID_MILLIS = 60_000;
  /** Silent vehicles are forgotten on this grid. */
  private static final long SILENCE_GRID_MILLIS = 10_000;

  private final long forgetClocksAfterMillis;
  private final int reportsToStop;
  private final long goneAfterMillis;
  private final VehiclePresence presence;
  private final EventCodec codec;
  private transient StoppedVehicleDetector<ProbeStopPlace> detector;
  private transient ValueState<SourceState> state;

  /**
   * @param forgetClocksAfter a source's clock is forgotten once the watermark is this far past its last event
   * @param reportsToStop     consecutive reports at one place that make a vehicle stopped
   * @param goneAfter         a vehicle silent this long is no longer stopped anywhere, and forgotten by the rule
   * @param presence          a vehicle counts as on a segment for its alerts this long after its last report there
   */
  public VehicleFunction(Duration forgetClocksAfter, int reportsToStop, Duration goneAfter, Duration presence,
      EventCodec codec) {
    this.forgetClocksAfterMillis = forgetClocksAfter.toMillis();
    this.reportsToStop = reportsToStop;
    this.goneAfterMillis = goneAfter.toMillis();
    this.presence = new VehiclePresence(presence.toMillis());
    this.codec = codec;
  }

  @Override
  public void open(OpenContext context) {
    detector = new StoppedVehicleDetector<>(reportsToStop);
    state = getRuntimeContext().getState(new ValueStateDescriptor<>("source", SourceStateSerializer.INSTANCE));
  }

  @Override
  public void processElement(TrafficEvent event, Context ctx, Collector<TrafficEvent> out) throws Exception {
    SourceState s = state.value();
    ProbePosition p = event.position();
    long time = event.eventTime();
    long last = s == null ? SourceState.NO_TIME : p != null ? s.vehicleClock : s.reportClock;
    if (last != SourceState.NO_TIME && time <= last) {
      ctx.output(DeadLetterSplitter.DEAD_LETTERS, SourceOrderFunction.outOfOrder(event, last, codec));
      return;
    }
    if (s == null) {
      s = new SourceState();
    }
    long forgetAt = firstTimerFrom(last, time, forgetClocksAfterMillis, CLOCK_GRID_MILLIS);
    if (p != null) {
      s.vehicleClock = time;
      s.vehicleForgetAt = forgetAt;
      // the rule needs reports in order; only a vehicle whose clock was forgotten before the rule forgot it can
      // bring one from before its last here
      if (s.lastTime == SourceState.NO_TIME || time > s.lastTime) {
        // the rule's state holds the previous position's segment and time until stopRule moves them on
        String previousSegment = s.stop == null ? null : s.stop.position().segmentId();
        if (presence.changesPresence(p.segmentId(), time, previousSegment, s.lastTime)) {
          ctx.output(SIGHTINGS, VehicleSighting.of(p));
        }
        stopRule(p, s, ctx);
      } else {
        ctx.output(SIGHTINGS, VehicleSighting.of(p)); // before the rule's last: whether it changes anything is unknown
      }
    } else {
      s.reportClock = time;
      s.reportForgetAt = forgetAt;
    }
    long next = s.nextForget();
    if (next < s.timerAt) {
      ctx.timerService().registerEventTimeTimer(next);
      s.timerAt = next;
    }
    state.update(s);
    out.collect(event);
  }

  private void stopRule(ProbePosition p, SourceState s, Context ctx) {
    StopTransition<ProbeStopPlace> t = detector.next(s.stop, ProbeStopPlace.of(p));
    if (t.resumed()) {
      ctx.output(STOP_CHANGES, change(p.vehicleId(), t.resumedFrom(), false, p.time(), s.lastLat, s.lastLon));
    }
    if (t.becameStopped()) {
      ctx.output(STOP_CHANGES, change(p.vehicleId(), t.stoppedAt(), true, p.time(), p.lat(), p.lon()));
    }
    s.goneAt = firstTimerFrom(s.lastTime, p.time(), goneAfterMillis, SILENCE_GRID_MILLIS);
    s.stop = t.state();
    s.lastTime = p.time();
    s.lastLat = p.lat();
    s.lastLon = p.lon();
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<TrafficEvent> out) throws Exception {
    SourceState s = state.value();
    if (s == null) {
      return; // a timer the state no longer relies on
    }
    if (timestamp == s.timerAt) {
      s.timerAt = SourceState.NO_TIMER;
    }
    if (timestamp == s.goneAt && s.lastTime + goneAfterMillis <= timestamp) {
      if (detector.isStopped(s.stop)) {
        ctx.output(STOP_CHANGES, change(ctx.getCurrentKey(), s.stop.position(), false, timestamp, s.lastLat,
            s.lastLon));
      }
      s.stop = null;
      s.lastTime = SourceState.NO_TIME;
      s.lastLat = null;
      s.lastLon = null;
      s.goneAt = SourceState.NO_TIMER;
    }
    if (timestamp == s.vehicleForgetAt || timestamp == s.reportForgetAt) {
      // a clock timer: it forgets every clock of the id that is due, as the clocks' own timers did
      if (s.vehicleClock != SourceState.NO_TIME && s.vehicleClock + forgetClocksAfterMillis <= timestamp) {
        s.vehicleClock = SourceState.NO_TIME;
        s.vehicleForgetAt = SourceState.NO_TIMER;
      }
      if (s.reportClock != SourceState.NO_TIME && s.reportClock + forgetClocksAfterMillis <= timestamp) {
        s.reportClock = SourceState.NO_TIME;
        s.reportForgetAt = SourceState.NO_TIMER;
      }
    }
    if (s.isEmpty()) {
      state.clear();
      return;
    }
    long next = s.nextForget();
    if (next < s.timerAt) {
      ctx.timerService().registerEventTimeTimer(next);
      s.timerAt = next;
    }
    state.update(s);
  }

  /**
   * The instant a source last seen at {@code time} is forgotten, {@code after} later, by a grid timer: the old
   * operators registered one at the next grid point after each event's {@code time + after}, and forgot at the
   * first one at or after the last event's. That is the previous event's own timer when it falls exactly on the
   * deadline, else the last event's.
   *
   * @param previous the time of the source's previous event still remembered, or {@link SourceState#NO_TIME}
   */
  private static long firstTimerFrom(long previous, long time, long after, long grid) {
    long own = nextGridPoint(time + after, grid);
    if (previous == SourceState.NO_TIME) {
      return own;
    }
    long previousTimer = nextGridPoint(previous + after, grid);
    return previousTimer >= time + after ? previousTimer : own;
  }

  /** The grid point strictly after {@code instant}. */
  private static long nextGridPoint(long instant, long grid) {
    return instant - Math.floorMod(instant, grid) + grid;
  }

  private static StopChange change(String vehicle, ProbeStopPlace place, boolean stopped, long time, Double lat,
      Double lon) {
    return new StopChange(vehicle, place.key(), place.segmentId(), place.offsetM(), stopped, time, lat, lon);
  }
}
