package io.roadstream.core.signal;

import io.roadstream.core.event.SignalPlan;
import java.io.Serializable;
import java.util.List;

/**
 * Decides whether a newly computed plan differs enough from the last published one to be published: a controller
 * needs several cycles to move to a new plan, and each transition costs delay, so small recomputation jitter must
 * not reach it. A plan is published when
 * <ul>
 *   <li>nothing was published before for the intersection,</li>
 *   <li>its phase structure (which approaches each phase serves) or its oversaturated flag differs, or</li>
 *   <li>the cycle changed by more than {@code cycleThresholdS}, or any phase's green by more than
 *       {@code greenThresholdS}.</li>
 * </ul>
 * A plan based on windows that end before those of the last published plan (a late window recomputed, or the
 * clock going back) is never published: it would replace newer information with older. Pure.
 */
public final class SignalPlanChangeFilter implements Serializable {

  /** Webster's cycles are customarily rounded to 5 s; a smaller change is within that rounding. */
  public static final double DEFAULT_CYCLE_THRESHOLD_S = 5;
  /** Engineering judgement: about one vehicle's saturation headway (~2 s) plus margin per phase. */
  public static final double DEFAULT_GREEN_THRESHOLD_S = 3;

  private final double cycleThresholdS;
  private final double greenThresholdS;

  public SignalPlanChangeFilter() {
    this(DEFAULT_CYCLE_THRESHOLD_S, DEFAULT_GREEN_THRESHOLD_S);
  }

  /** @throws IllegalArgumentException when a threshold is negative or not a finite number */
  public SignalPlanChangeFilter(double cycleThresholdS, double greenThresholdS) {
    if (!(cycleThresholdS >= 0) || Double.isInfinite(cycleThresholdS)) {
      throw new IllegalArgumentException("cycleThresholdS must be a number of at least 0, got " + cycleThresholdS);
    }
    if (!(greenThresholdS >= 0) || Double.isInfinite(greenThresholdS)) {
      throw new IllegalArgumentException("greenThresholdS must be a number of at least 0, got " + greenThresholdS);
    }
    this.cycleThresholdS = cycleThresholdS;
    this.greenThresholdS = greenThresholdS;
  }

  /**
   * @param lastPublished the last plan published for the intersection, null if none
   * @throws IllegalArgumentException when the two plans are for different intersections
   */
  public boolean shouldPublish(SignalPlan lastPublished, SignalPlan candidate) {
    if (lastPublished == null) {
      return true;
    }
    if (!lastPublished.intersectionId().equals(candidate.intersectionId())) {
      throw new IllegalArgumentException("plans of different intersections: '" + lastPublished.intersectionId()
          + "' and '" + candidate.intersectionId() + "'");
    }
    if (candidate.basedOnWindowEnd() < lastPublished.basedOnWindowEnd()) {
      return false;
    }
    if (candidate.oversaturated() != lastPublished.oversaturated()
        || !approachesOf(candidate).equals(approachesOf(lastPublished))) {
      return true;
    }
    if (Math.abs(candidate.cycleS() - lastPublished.cycleS()) > cycleThresholdS) {
      return true;
    }
    for (int i = 0; i < candidate.phases().size(); i++) {
      if (Math.abs(candidate.phases().get(i).greenS() - lastPublished.phases().get(i).greenS()) > greenThresholdS) {
        return true;
      }
    }
    return false;
  }

  private static List<List<String>> approachesOf(SignalPlan plan) {
    return plan.phases().stream().map(SignalPlan.Phase::approaches).toList();
  }
}
