package io.roadstream.core.linearroad;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpresswayDirectionProcessorTest {

  private static final int FEET_PER_SEGMENT = 5280;
  /** Named instants: minute 1 is seconds 0..59, so minute 2 starts at 60. */
  private static final int MINUTE_1 = 0;
  private static final int MINUTE_2 = 60;

  private final ExpresswayDirectionProcessor processor = new ExpresswayDirectionProcessor();
  private final InMemoryExpresswayState state = new InMemoryExpresswayState();

  private static PositionReport report(int time, int vid, int speed, int lane, int dir, int seg) {
    return report(time, vid, speed, lane, dir, seg, 100);
  }

  private static PositionReport report(int time, int vid, int speed, int lane, int dir, int seg, int offset) {
    return new PositionReport(time, vid, speed, 0, lane, dir, seg, seg * FEET_PER_SEGMENT + offset);
  }

  private PositionOutcome process(PositionReport r) {
    return processor.process(state, r);
  }

  /** {@code cars} distinct cars (vids from 1000) report from segment {@code seg} in minute 1 at {@code speed}. */
  private void traffic(int seg, int cars, int speed) {
    for (int i = 0; i < cars; i++) {
      process(report(MINUTE_1 + 10, 1000 + i, speed, 1, 0, seg));
    }
  }

  @Test
  void noTollAtFiftyCars() {
    traffic(10, 50, 30);

    assertThat(process(report(MINUTE_2, 1, 30, 1, 0, 10)).notification())
        .isEqualTo(new TollNotification(1, MINUTE_2, MINUTE_2, 30, 0));
  }

  @Test
  void tollOfTwoAtFiftyOneCarsWhenSlow() {
    traffic(10, 51, 30);

    assertThat(process(report(MINUTE_2, 1, 30, 1, 0, 10)).notification())
        .isEqualTo(new TollNotification(1, MINUTE_2, MINUTE_2, 30, 2));
  }

  @Test
  void noTollWhenTheLavIsFortyOrMore() {
    traffic(10, 60, 40);

    assertThat(process(report(MINUTE_2, 1, 30, 1, 0, 10)).notification().toll()).isZero();
  }

  @Test
  void aCarReportingTwiceInAMinuteCountsOnceInNumvButBothSpeedsCountInLav() {
    traffic(10, 50, 30);
    process(report(MINUTE_1 + 40, 1000, 31, 1, 0, 10, 200)); // car 1000 again, same segment, same minute

    PositionOutcome entering = process(report(MINUTE_2, 1, 30, 1, 0, 10));

    assertThat(entering.notification().toll()).as("numv is 50, not 51").isZero();
    assertThat(entering.notification().lav()).isEqualTo(30); // (50·30 + 31) / 51 = 30.02
  }

  @Test
  void lavIsOverTheFivePreviousMinutesRoundedHalfUp() {
    process(report(0, 1000, 40, 1, 0, 10));           // minute 1: outside the window of minute 7
    process(report(60, 1001, 39, 1, 0, 10));          // minute 2
    process(report(300, 1002, 40, 1, 0, 10));         // minute 6
    process(report(360, 1003, 90, 1, 0, 10));         // minute 7: the current minute, not in its own LAV

    // (39 + 40) / 2 = 39.5 → 40
    assertThat(process(report(370, 1, 30, 1, 0, 10)).notification().lav()).isEqualTo(40);
    // a segment nobody reported from has LAV 0
    assertThat(process(report(370, 2, 30, 1, 0, 11)).notification().lav()).isZero();
  }

  @Test
  void notifiesEverySegmentEntryButNotAMoveWithinTheSegment() {
    assertThat(process(report(0, 1, 50, 0, 0, 10, 100)).notification()).as("entry counts as entering").isNotNull();
    assertThat(process(report(30, 1, 50, 1, 0, 10, 1000)).notification()).isNull();
    assertThat(process(report(60, 1, 50, 1, 0, 11, 100)).notification()).isNotNull();
  }

  @Test
  void chargesTheTollOfASegmentWhenTheCarEntersTheNext() {
    traffic(10, 52, 20);
    PositionOutcome enter10 = process(report(MINUTE_2, 1, 20, 1, 0, 10));
    PositionOutcome move10 = process(report(MINUTE_2 + 30, 1, 20, 1, 0, 10, 3000));
    PositionOutcome enter11 = process(report(MINUTE_2 + 60, 1, 20, 1, 0, 11));
    PositionOutcome enter12 = process(report(MINUTE_2 + 90, 1, 20, 1, 0, 12));

    assertThat(enter10.notification().toll()).isEqualTo(8);
    assertThat(enter10.charge()).isNull();
    assertThat(move10.charge()).isNull();
    assertThat(enter11.charge()).isEqualTo(new TollCharge(1, MINUTE_2 + 60, 8));
    assertThat(enter11.notification().toll()).isZero();
    assertThat(enter12.charge()).as("a toll of 0 is not charged").isNull();
  }

  @Test
  void exitLaneEntryGetsNoNotificationButChargesThePreviousToll() {
    traffic(10, 52, 20);
    process(report(MINUTE_2, 1, 20, 1, 0, 10));

    PositionOutcome exit = process(report(MINUTE_2 + 30, 1, 20, 4, 0, 11));

    assertThat(exit.notification()).isNull();
    assertThat(exit.alert()).isNull();
    assertThat(exit.charge()).isEqualTo(new TollCharge(1, MINUTE_2 + 30, 8));
  }

  @Test
  void leavingByTheExitLaneOfTheSameSegmentChargesNothingAndLaterReportsAreIgnored() {
    traffic(10, 52, 20);
    process(report(MINUTE_2, 1, 20, 1, 0, 10));

    assertThat(process(report(MINUTE_2 + 30, 1, 20, 4, 0, 10, 4000))).isEqualTo(PositionOutcome.NONE);
    assertThat(process(report(MINUTE_2 + 60, 1, 20, 1, 0, 11))).as("after the exit lane only a new entry counts")
        .isEqualTo(PositionOutcome.NONE);
  }

  @Test
  void aCarEnteringAgainAfterAPauseStartsAFreshTripWithoutItsPendingToll() {
    traffic(10, 52, 20);
    process(report(MINUTE_2, 1, 20, 1, 0, 10));

    PositionOutcome again = process(report(MINUTE_2 + 61, 1, 50, 0, 0, 20));

    assertThat(again.charge()).isNull();
    assertThat(again.notification()).isNotNull();
  }

  /** Cars 1 and 2 stop at the same place in {@code seg}; the accident is detected at {@code detectedAt}. */
  private void accident(int seg, int dir, int detectedAt) {
    for (int t = detectedAt - 90; t <= detectedAt; t += 30) {
      process(report(t, 1, 0, 2, dir, seg, 777));
      process(report(t, 2, 0, 2, dir, seg, 777));
    }
  }

  private List<Integer> segmentsAlerted(int time, int dir, int fromSeg, int toSeg) {
    List<Integer> alerted = new ArrayList<>();
    for (int seg = fromSeg; seg <= toSeg; seg++) {
      PositionOutcome o = process(report(time, 100 + seg, 50, 1, dir, seg));
      if (o.alert() != null) {
        assertThat(o.alert()).isEqualTo(new AccidentAlert(time, time, 0, 20, dir, 100 + seg));
        assertThat(o.notification().toll()).isZero();
        alerted.add(seg);
      }
    }
    return alerted;
  }

  @Test
  void eastboundAlertsCarsEnteringTheAccidentSegmentAndTheFourBefore() {
    accident(20, 0, 90);

    assertThat(segmentsAlerted(150, 0, 10, 30)).containsExactly(16, 17, 18, 19, 20);
  }

  @Test
  void westboundAlertsCarsEnteringTheAccidentSegmentAndTheFourAfter() {
    accident(20, 1, 90);

    assertThat(segmentsAlerted(150, 1, 10, 30)).containsExactly(20, 21, 22, 23, 24);
  }

  @Test
  void alertsFromTheMinuteAfterDetectionToTheMinuteItClears() {
    accident(20, 0, 577); // minute 10
    int vid = 500;
    assertThat(process(report(590, vid++, 50, 1, 0, 19)).alert()).as("detection minute").isNull();
    assertThat(process(report(600, vid++, 50, 1, 0, 19)).alert()).as("minute 11").isNotNull();
    for (int t = 607; t < 1230; t += 30) { // the stopped cars keep reporting from where they stopped
      process(report(t, 1, 0, 2, 0, 20, 777));
      process(report(t, 2, 0, 2, 0, 20, 777));
    }
    assertThat(process(report(1229, vid++, 50, 1, 0, 19)).alert()).isNotNull();

    process(report(1230, 1, 10, 2, 0, 20, 1777)); // car 1 moves on: the accident clears in minute 21

    assertThat(process(report(1230, vid++, 50, 1, 0, 19)).alert()).as("clearing minute").isNotNull();
    assertThat(process(report(1259, vid++, 50, 1, 0, 19)).alert()).isNotNull();
    assertThat(process(report(1260, vid++, 50, 1, 0, 19)).alert()).as("minute 22").isNull();
  }

  @Test
  void oneStoppedCarIsNoAccident() {
    for (int t = 0; t <= 90; t += 30) {
      process(report(t, 1, 0, 2, 0, 20, 777));
    }

    assertThat(segmentsAlerted(150, 0, 15, 20)).isEmpty();
  }

  @Test
  void keepsSixMinutesOfSegmentStatistics() {
    for (int t = 0; t < 1800; t += 30) {
      process(report(t, 1, 50, 1, 0, 10, t));
    }

    assertThat(state.segmentMinuteCount()).isEqualTo(6);
  }
}
