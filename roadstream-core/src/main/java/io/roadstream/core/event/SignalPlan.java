package io.roadstream.core.event;

import java.io.Serializable;
import java.util.List;

/**
 * A recommended fixed-time plan for one signalised intersection: cycle length and effective green per phase,
 * computed by Webster's method from the approach flows of one stretch of event time. The cycle is the sum of the
 * greens and the lost time: {@code cycleS = Σ phases.greenS + lostTimeS}.
 *
 * @param computedAt           when the plan was computed, epoch ms (event time of the newest input)
 * @param cycleS               cycle length, seconds, within the planner's minimum and maximum
 * @param lostTimeS            the intersection's lost time per cycle, seconds (from the road network)
 * @param phases               in signal order; each lists the approach segments it serves
 * @param criticalFlowRatioSum Y = Σ y_i over the phases
 * @param oversaturated        Y ≥ 1: no cycle can serve the demand; the plan is the maximum cycle split by flow ratio
 * @param basedOnWindowStart   earliest start of the statistics windows the flows come from, epoch ms
 * @param basedOnWindowEnd     latest end of those windows, epoch ms
 */
public record SignalPlan(
    String intersectionId,
    long computedAt,
    double cycleS,
    double lostTimeS,
    List<Phase> phases,
    double criticalFlowRatioSum,
    boolean oversaturated,
    long basedOnWindowStart,
    long basedOnWindowEnd) implements Serializable {

  public SignalPlan {
    phases = List.copyOf(phases);
  }

  /**
   * One signal phase.
   *
   * @param approaches        segment ids of the approaches that move on this phase
   * @param criticalFlowRatio y_i: the largest flow / saturation flow among the phase's approaches
   * @param greenS            effective green, seconds
   */
  public record Phase(List<String> approaches, double criticalFlowRatio, double greenS) implements Serializable {

    public Phase {
      approaches = List.copyOf(approaches);
    }
  }
}
