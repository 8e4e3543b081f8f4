package io.roadstream.core.linearroad;

import io.roadstream.core.incident.AccidentDetector;
import io.roadstream.core.incident.AccidentUpdate;
import io.roadstream.core.incident.StopTransition;
import io.roadstream.core.incident.StoppedVehicleDetector;

/**
 * Linear Road's work for one expressway-direction (xway, dir), one position report at a time: segment statistics per
 * minute, stopped cars and accidents, and on each segment entry the toll notification, the accident alert and the
 * charge of the previous segment's toll. It follows the public Java validator (see
 * shared/data/linear-road/SOURCE.md):
 * <ul>
 *   <li>minute m = t/60 + 1; numv = distinct cars in the segment in minute m-1; LAV = round(mean speed of all reports
 *       in the segment in minutes m-5..m-1);</li>
 *   <li>toll = 2·(numv-50)² if numv > 50 and LAV < 40 and no accident is announced in the segment or the 4 downstream;
 *       computed (and notified, 0 included) when a car enters a segment outside the exit lane; charged when it
 *       enters the next segment — a car that leaves by the exit lane of the same segment is never charged it;</li>
 *   <li>a car is stopped at its 4th consecutive report from the same (lane, pos); two stopped cars at one position
 *       make an accident, announced to cars entering a segment up to 4 upstream from the minute after detection to
 *       the minute it cleared;</li>
 *   <li>a car reporting from the entry lane more than 60 s after its last report starts a new trip (its pending toll
 *       is forgotten); a car that reported from the exit lane is ignored until it enters again.</li>
 * </ul>
 *
 * <p>Stateless: all state is in the {@link ExpresswayState} passed in, so one instance serves every key. Reports of
 * one expressway-direction must come in time order; reports of other keys may interleave freely.
 */
public final class ExpresswayDirectionProcessor {

  /** A car entering again after a pause longer than this is on a new trip. */
  static final int REENTRY_GAP_S = 60;

  private final StoppedVehicleDetector<LanePosition> stops =
      new StoppedVehicleDetector<>(StoppedVehicleDetector.LINEAR_ROAD_REPORTS_TO_STOP);
  private final AccidentDetector<Integer> accidents = new AccidentDetector<>();

  public PositionOutcome process(ExpresswayState state, PositionReport r) {
    VehicleState car = state.vehicle(r.vid());
    if (car != null && r.lane() == PositionReport.ENTRY_LANE && r.time() > car.lastTime() + REENTRY_GAP_S) {
      // Left earlier and came back: neither its position history nor its pending toll belongs to this trip.
      car = null;
    }
    if (car != null && car.lane() == PositionReport.EXIT_LANE && r.lane() != PositionReport.ENTRY_LANE) {
      // The generator's data holds cars that report again after leaving; the validator ignores them.
      return PositionOutcome.NONE;
    }

    StopTransition<LanePosition> stop = stops.next(car == null ? null : car.stop(), LanePosition.of(r));
    if (stop.becameStopped()) {
      onStopped(state, stop.stoppedAt(), r);
    }
    if (stop.resumed()) {
      onResumed(state, stop.resumedFrom(), r);
    }

    int minute = r.minute();
    PositionOutcome outcome = PositionOutcome.NONE;
    int pendingToll = car == null ? 0 : car.pendingToll();
    if (car == null || car.seg() != r.seg()) {
      outcome = enterSegment(state, r, minute, pendingToll);
      pendingToll = outcome.notification() == null ? 0 : outcome.notification().toll();
    }

    // Reports come every 30 s, so a car's only earlier report in this minute can be its last one.
    boolean countedThisMinute = car != null && car.seg() == r.seg() && LinearRoad.minuteOf(car.lastTime()) == minute;
    SegmentMinute stats = state.segmentMinute(r.seg(), minute);
    state.putSegmentMinute(r.seg(), minute, (stats == null ? SegmentMinute.EMPTY : stats)
        .plus(r.speed(), !countedThisMinute));
    // Nothing reads further back than LAV's window; dropping here keeps the state at 6 minutes per segment.
    state.putSegmentMinute(r.seg(), minute - LinearRoad.LAV_MINUTES - 1, null);
    state.putVehicle(r.vid(), new VehicleState(r.time(), r.seg(), stop.state(), pendingToll));
    return outcome;
  }

  private PositionOutcome enterSegment(ExpresswayState state, PositionReport r, int minute, int pendingToll) {
    TollCharge charge = pendingToll > 0 ? new TollCharge(r.vid(), r.time(), pendingToll) : null;
    if (r.onExitLane()) {
      return new PositionOutcome(null, null, charge);
    }
    SegmentMinute previous = state.segmentMinute(r.seg(), minute - 1);
    int numv = previous == null ? 0 : previous.cars();
    int lav = lav(state, r.seg(), minute);
    int toll = lav < LinearRoad.TOLL_FREE_LAV ? LinearRoad.congestionToll(numv) : 0;
    AccidentAlert alert = null;
    int accidentSeg = accidentAhead(state, r.seg(), r.dir(), minute);
    if (accidentSeg >= 0) {
      toll = 0;
      alert = new AccidentAlert(r.time(), r.time(), r.xway(), accidentSeg, r.dir(), r.vid());
    }
    return new PositionOutcome(new TollNotification(r.vid(), r.time(), r.time(), lav, toll), alert, charge);
  }

  private static int lav(ExpresswayState state, int seg, int minute) {
    long speedSum = 0;
    long readings = 0;
    for (int m = minute - LinearRoad.LAV_MINUTES; m < minute; m++) {
      SegmentMinute s = state.segmentMinute(seg, m);
      if (s != null) {
        speedSum += s.speedSum();
        readings += s.readings();
      }
    }
    return LinearRoad.lav(speedSum, readings);
  }

  /** The nearest segment, from {@code seg} on downstream, whose accident is announced in {@code minute}; -1 if none. */
  private static int accidentAhead(ExpresswayState state, int seg, int dir, int minute) {
    for (int i = 0; i <= LinearRoad.ACCIDENT_UPSTREAM_SEGMENTS; i++) {
      int s = LinearRoad.downstreamSegment(seg, dir, i);
      SegmentAccident accident = state.accident(s);
      if (accident != null && accident.alertsIn(minute)) {
        return s;
      }
    }
    return -1;
  }

  private void onStopped(ExpresswayState state, LanePosition position, PositionReport r) {
    AccidentUpdate<Integer> update = accidents.stopped(state.stoppedVehicles(position), r.vid());
    state.putStoppedVehicles(position, update.state());
    if (update.detected()) {
      SegmentAccident existing = state.accident(position.seg());
      // An active accident in the segment already covers this one: the alerts name segments, not positions.
      if (existing == null || existing.cleared()) {
        state.putAccident(position.seg(), SegmentAccident.detectedAt(r.time()));
      }
    }
  }

  private void onResumed(ExpresswayState state, LanePosition position, PositionReport r) {
    AccidentUpdate<Integer> update = accidents.resumed(state.stoppedVehicles(position), r.vid());
    state.putStoppedVehicles(position, update.state());
    if (update.cleared()) {
      SegmentAccident accident = state.accident(position.seg());
      if (accident != null && !accident.cleared()) {
        state.putAccident(position.seg(), accident.clearedAt(r.time()));
      }
    }
  }
}
