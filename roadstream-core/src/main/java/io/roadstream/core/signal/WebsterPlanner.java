package io.roadstream.core.signal;

import io.roadstream.core.event.SegmentStats;
import io.roadstream.core.event.SignalPlan;
import io.roadstream.core.network.Intersection;
import io.roadstream.core.network.RoadNetwork;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fixed-time signal plans by Webster's method (Webster 1958, Road Research Technical Paper 39). For each phase the
 * critical flow ratio is {@code y_i = max q / s} over the phase's approaches, with q the approach flow and s its
 * saturation flow (saturation flow per lane × the approach segment's lanes); {@code Y = Σ y_i}. The delay-minimising
 * cycle is {@code C0 = (1.5 L + 5) / (1 − Y)}, L the intersection's lost time per cycle, bounded to
 * [minCycle, maxCycle]; effective greens share what the lost time leaves: {@code g_i = (C − L) · y_i / Y}.
 * <ul>
 *   <li>Y ≥ 1 (oversaturated): C0 has no meaning; the plan is the maximum cycle, greens split by y, flagged.</li>
 *   <li>Y = 0 (no traffic): the minimum cycle with the green split equally between the phases.</li>
 *   <li>An approach with no usable flow (null, NaN, negative, infinite) is left out of its phase's maximum; a phase
 *       none of whose approaches has a flow gives no plan at all, because its green would be a guess.</li>
 * </ul>
 * Greens are effective greens, not rounded and without minimum greens: the controller adds its own
 * pedestrian and safety minimums. Pure and deterministic.
 */
public final class WebsterPlanner implements Serializable {

  /**
   * Saturation flow per lane, veh/h of green. HCM's base saturation flow is 1900 pc/h/ln; adjusted for a typical
   * mix of heavy vehicles and turns it comes to about 1800 veh/h/ln, the usual planning value.
   */
  public static final double DEFAULT_SATURATION_FLOW_VEH_PER_HOUR_PER_LANE = 1800;
  /** Common practice floor: shorter cycles leave too little green for pedestrians to cross. */
  public static final double DEFAULT_MIN_CYCLE_S = 40;
  /** Common practice ceiling (many agencies cap at 120–150 s): longer cycles add delay and little capacity. */
  public static final double DEFAULT_MAX_CYCLE_S = 150;

  /**
   * Demand on one approach.
   *
   * @param flowVehPerHour flow across all the approach's lanes; null or NaN when unknown
   * @param lanes          lanes of the approach, which its saturation flow is counted over
   */
  public record Approach(String segmentId, Double flowVehPerHour, int lanes) implements Serializable {}

  private final double saturationFlowVehPerHourPerLane;
  private final double minCycleS;
  private final double maxCycleS;

  public WebsterPlanner() {
    this(DEFAULT_SATURATION_FLOW_VEH_PER_HOUR_PER_LANE, DEFAULT_MIN_CYCLE_S, DEFAULT_MAX_CYCLE_S);
  }

  /** @throws IllegalArgumentException when a value is not positive and finite, or minCycleS > maxCycleS */
  public WebsterPlanner(double saturationFlowVehPerHourPerLane, double minCycleS, double maxCycleS) {
    requirePositive("saturationFlowVehPerHourPerLane", saturationFlowVehPerHourPerLane);
    requirePositive("minCycleS", minCycleS);
    requirePositive("maxCycleS", maxCycleS);
    if (minCycleS > maxCycleS) {
      throw new IllegalArgumentException("minCycleS (" + minCycleS + ") must not exceed maxCycleS (" + maxCycleS + ")");
    }
    this.saturationFlowVehPerHourPerLane = saturationFlowVehPerHourPerLane;
    this.minCycleS = minCycleS;
    this.maxCycleS = maxCycleS;
  }

  /**
   * The plan for an intersection of the network, its approaches grouped by {@link PhaseGrouping#byHeading}, from the
   * latest statistics of its approach segments (keyed by segment id; missing approaches count as unknown flow).
   * The plan's window span is that of the statistics used.
   *
   * @return empty when a phase has no approach with a known flow
   */
  public Optional<SignalPlan> plan(Intersection intersection, RoadNetwork network,
      Map<String, SegmentStats> approachStats, long computedAt) {
    List<List<Approach>> phases = new ArrayList<>();
    long windowStart = Long.MAX_VALUE;
    long windowEnd = Long.MIN_VALUE;
    for (List<String> phase : PhaseGrouping.byHeading(intersection, network)) {
      List<Approach> approaches = new ArrayList<>();
      for (String segmentId : phase) {
        SegmentStats stats = approachStats.get(segmentId);
        Double flow = stats == null ? null : stats.flowVehPerHour();
        if (usable(flow)) {
          windowStart = Math.min(windowStart, stats.windowStart());
          windowEnd = Math.max(windowEnd, stats.windowEnd());
        }
        approaches.add(new Approach(segmentId, flow, network.requireSegment(segmentId).lanes()));
      }
      phases.add(approaches);
    }
    return plan(intersection.id(), intersection.lostTimeS(), phases, computedAt, windowStart, windowEnd);
  }

  /**
   * The plan for phases of approaches.
   *
   * @param lostTimeS total lost time per cycle, seconds
   * @return empty when there is no phase, or a phase has no approach with a known flow
   * @throws IllegalArgumentException when the lost time is negative or not below the maximum cycle, or an approach
   *                                  has no lane: a network that cannot be planned, not a traffic condition
   */
  public Optional<SignalPlan> plan(String intersectionId, double lostTimeS, List<List<Approach>> phases,
      long computedAt, long basedOnWindowStart, long basedOnWindowEnd) {
    if (!(lostTimeS >= 0) || lostTimeS >= maxCycleS) {
      throw new IllegalArgumentException("intersection '" + intersectionId + "': lost time " + lostTimeS
          + " s must be at least 0 and below the maximum cycle of " + maxCycleS + " s");
    }
    if (phases.isEmpty()) {
      return Optional.empty();
    }
    double[] y = new double[phases.size()];
    for (int i = 0; i < phases.size(); i++) {
      double max = -1;
      for (Approach a : phases.get(i)) {
        if (a.lanes() < 1) {
          throw new IllegalArgumentException("intersection '" + intersectionId + "': approach '" + a.segmentId()
              + "' has " + a.lanes() + " lanes");
        }
        if (usable(a.flowVehPerHour())) {
          max = Math.max(max, a.flowVehPerHour() / (saturationFlowVehPerHourPerLane * a.lanes()));
        }
      }
      if (max < 0) {
        return Optional.empty();
      }
      y[i] = max;
    }
    double bigY = 0;
    for (double v : y) {
      bigY += v;
    }
    boolean oversaturated = bigY >= 1;
    double cycle = oversaturated ? maxCycleS : clamp((1.5 * lostTimeS + 5) / (1 - bigY));

    double effectiveGreen = cycle - lostTimeS;
    List<SignalPlan.Phase> planned = new ArrayList<>();
    for (int i = 0; i < phases.size(); i++) {
      // With no traffic at all the flow ratios say nothing; an equal split is the neutral choice.
      double share = bigY > 0 ? y[i] / bigY : 1.0 / phases.size();
      List<String> ids = phases.get(i).stream().map(Approach::segmentId).toList();
      planned.add(new SignalPlan.Phase(ids, y[i], effectiveGreen * share));
    }
    return Optional.of(new SignalPlan(intersectionId, computedAt, cycle, lostTimeS, planned, bigY, oversaturated,
        basedOnWindowStart, basedOnWindowEnd));
  }

  private double clamp(double cycle) {
    return Math.max(minCycleS, Math.min(maxCycleS, cycle));
  }

  private static boolean usable(Double flow) {
    return flow != null && flow >= 0 && !flow.isInfinite();
  }

  private static void requirePositive(String name, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be a positive number, got " + value);
    }
  }
}
