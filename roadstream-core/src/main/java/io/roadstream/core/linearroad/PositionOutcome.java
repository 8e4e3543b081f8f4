package io.roadstream.core.linearroad;

import java.util.ArrayList;
import java.util.List;

/**
 * What one position report yields in its expressway-direction. Any field may be null: a car that stays in its
 * segment yields nothing, and a car entering a segment on the exit lane yields at most a charge.
 *
 * @param notification the toll notification, when the car entered a new segment outside the exit lane
 * @param alert        the accident alert, when that segment entry met an accident ahead
 * @param charge       the previous segment's toll, to charge to the car's account, when it was above 0
 */
public record PositionOutcome(TollNotification notification, AccidentAlert alert, TollCharge charge) {

  public static final PositionOutcome NONE = new PositionOutcome(null, null, null);

  /** The answers to print, alert first (the validator's order). */
  public List<LinearRoadAnswer> answers() {
    List<LinearRoadAnswer> answers = new ArrayList<>(2);
    if (alert != null) {
      answers.add(alert);
    }
    if (notification != null) {
      answers.add(notification);
    }
    return answers;
  }
}
