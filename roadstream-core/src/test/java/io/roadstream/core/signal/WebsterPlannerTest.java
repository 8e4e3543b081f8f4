package io.roadstream.core.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.roadstream.core.event.SegmentStats;
import io.roadstream.core.event.SignalPlan;
import io.roadstream.core.network.Intersection;
import io.roadstream.core.network.LonLat;
import io.roadstream.core.network.RoadClass;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.network.RoadNetworkLoader;
import io.roadstream.core.network.Segment;
import io.roadstream.core.signal.WebsterPlanner.Approach;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebsterPlannerTest {

  private static final long T0 = Instant.parse("2026-11-27T07:30:00Z").toEpochMilli();
  private static final long T1 = T0 + 60_000;
  private static final double L = 12;

  private final WebsterPlanner planner = new WebsterPlanner();

  private static List<List<Approach>> twoPhases(Double north, Double south, Double east, Double west) {
    return List.of(
        List.of(new Approach("N", north, 2), new Approach("S", south, 2)),
        List.of(new Approach("E", east, 2), new Approach("W", west, 2)));
  }

  private SignalPlan plan(List<List<Approach>> phases) {
    return planner.plan("I", L, phases, T1, T0, T1).orElseThrow();
  }

  @Test
  void cycleAndGreensFollowWebstersFormula() {
    // s = 1800 × 2 = 3600 veh/h: y_NS = max(1080, 700) / 3600 = 0.3, y_EW = max(500, 720) / 3600 = 0.2, Y = 0.5
    SignalPlan p = plan(twoPhases(1080.0, 700.0, 500.0, 720.0));

    assertThat(p.criticalFlowRatioSum()).isCloseTo(0.5, within(1e-12));
    assertThat(p.cycleS()).isCloseTo((1.5 * 12 + 5) / 0.5, within(1e-9)); // 46 s
    assertThat(p.phases()).extracting(SignalPlan.Phase::criticalFlowRatio)
        .containsExactly(0.3, 0.2);
    assertThat(p.phases().get(0).greenS()).isCloseTo((46 - 12) * 0.3 / 0.5, within(1e-9)); // 20.4 s
    assertThat(p.phases().get(1).greenS()).isCloseTo((46 - 12) * 0.2 / 0.5, within(1e-9)); // 13.6 s
    assertThat(p.phases().get(0).approaches()).containsExactly("N", "S");
    assertThat(p.oversaturated()).isFalse();
    assertThat(p.lostTimeS()).isEqualTo(L);
    assertThat(p.intersectionId()).isEqualTo("I");
    assertThat(p.computedAt()).isEqualTo(T1);
    assertThat(p.basedOnWindowStart()).isEqualTo(T0);
    assertThat(p.basedOnWindowEnd()).isEqualTo(T1);
  }

  @Test
  void greensAndLostTimeAddUpToTheCycle() {
    SignalPlan p = plan(twoPhases(900.0, 400.0, 1300.0, 200.0));

    assertThat(p.phases().stream().mapToDouble(SignalPlan.Phase::greenS).sum() + p.lostTimeS())
        .isCloseTo(p.cycleS(), within(1e-9));
  }

  @Test
  void saturationFlowCountsTheApproachLanes() {
    List<List<Approach>> phases = List.of(List.of(new Approach("N", 1800.0, 3)), List.of(new Approach("E", 900.0, 1)));

    SignalPlan p = planner.plan("I", L, phases, T1, T0, T1).orElseThrow();

    assertThat(p.phases()).extracting(SignalPlan.Phase::criticalFlowRatio).containsExactly(1.0 / 3, 0.5);
  }

  @Test
  void lightTrafficGetsTheMinimumCycle() {
    SignalPlan p = plan(twoPhases(200.0, 150.0, 100.0, 120.0)); // C0 ≈ 24.8 s

    assertThat(p.cycleS()).isEqualTo(WebsterPlanner.DEFAULT_MIN_CYCLE_S);
    assertThat(p.phases().get(0).greenS()).isGreaterThan(p.phases().get(1).greenS());
  }

  @Test
  void nearSaturationIsCappedAtTheMaximumCycleButNotFlagged() {
    SignalPlan p = plan(twoPhases(1800.0, 0.0, 1440.0, 0.0)); // Y = 0.9, C0 = 230 s

    assertThat(p.cycleS()).isEqualTo(WebsterPlanner.DEFAULT_MAX_CYCLE_S);
    assertThat(p.oversaturated()).isFalse();
  }

  @Test
  void oversaturationGivesTheMaximumCycleSplitByFlowRatio() {
    SignalPlan p = plan(twoPhases(2160.0, 100.0, 1800.0, 100.0)); // y = 0.6 and 0.5, Y = 1.1

    assertThat(p.oversaturated()).isTrue();
    assertThat(p.criticalFlowRatioSum()).isCloseTo(1.1, within(1e-12));
    assertThat(p.cycleS()).isEqualTo(150);
    assertThat(p.phases().get(0).greenS()).isCloseTo(138 * 0.6 / 1.1, within(1e-9));
    assertThat(p.phases().get(1).greenS()).isCloseTo(138 * 0.5 / 1.1, within(1e-9));
  }

  @Test
  void exactlySaturatedCountsAsOversaturated() {
    assertThat(plan(twoPhases(1800.0, 0.0, 1800.0, 0.0)).oversaturated()).isTrue(); // Y = 1: C0 divides by zero
  }

  @Test
  void zeroFlowGivesTheMinimumCycleSplitEqually() {
    SignalPlan p = plan(twoPhases(0.0, 0.0, 0.0, 0.0));

    assertThat(p.criticalFlowRatioSum()).isZero();
    assertThat(p.cycleS()).isEqualTo(40);
    assertThat(p.phases()).extracting(SignalPlan.Phase::greenS).containsExactly(14.0, 14.0);
  }

  @Test
  void approachesWithoutFlowAreLeftOutOfTheirPhase() {
    SignalPlan p = plan(twoPhases(null, 1080.0, Double.NaN, 720.0));

    assertThat(p.phases()).extracting(SignalPlan.Phase::criticalFlowRatio).containsExactly(0.3, 0.2);
    assertThat(p.phases().get(0).approaches()).containsExactly("N", "S");
  }

  @Test
  void aPhaseWithNoKnownFlowGivesNoPlan() {
    assertThat(planner.plan("I", L, twoPhases(600.0, 500.0, null, Double.NaN), T1, T0, T1)).isEmpty();
    assertThat(planner.plan("I", L, twoPhases(600.0, 500.0, -5.0, Double.POSITIVE_INFINITY), T1, T0, T1)).isEmpty();
  }

  @Test
  void noPhasesGiveNoPlan() {
    assertThat(planner.plan("I", L, List.of(), T1, T0, T1)).isEmpty();
  }

  @Test
  void aSinglePhaseGetsAllTheGreen() {
    SignalPlan p = planner.plan("I", L, List.of(List.of(new Approach("N", 900.0, 1))), T1, T0, T1).orElseThrow();

    assertThat(p.phases()).hasSize(1);
    assertThat(p.phases().get(0).greenS()).isCloseTo(p.cycleS() - L, within(1e-9));
  }

  @Test
  void boundsAndSaturationFlowAreConfigurable() {
    WebsterPlanner custom = new WebsterPlanner(1900, 60, 120);

    SignalPlan light = custom.plan("I", L, twoPhases(100.0, 0.0, 100.0, 0.0), T1, T0, T1).orElseThrow();
    SignalPlan heavy = custom.plan("I", L, twoPhases(3000.0, 0.0, 3000.0, 0.0), T1, T0, T1).orElseThrow();

    assertThat(light.cycleS()).isEqualTo(60);
    assertThat(light.phases().get(0).criticalFlowRatio()).isCloseTo(100.0 / 3800, within(1e-12));
    assertThat(heavy.cycleS()).isEqualTo(120);
  }

  @Test
  void rejectsSettingsAndIntersectionsThatCannotBePlanned() {
    assertThatThrownBy(() -> new WebsterPlanner(0, 40, 150)).hasMessageContaining("saturationFlowVehPerHourPerLane");
    assertThatThrownBy(() -> new WebsterPlanner(1800, Double.NaN, 150)).hasMessageContaining("minCycleS");
    assertThatThrownBy(() -> new WebsterPlanner(1800, 160, 150)).hasMessageContaining("must not exceed maxCycleS");
    assertThatThrownBy(() -> planner.plan("I-X", 150, twoPhases(1.0, 1.0, 1.0, 1.0), T1, T0, T1))
        .hasMessageContaining("I-X").hasMessageContaining("lost time");
    assertThatThrownBy(() -> planner.plan("I-X", Double.NaN, twoPhases(1.0, 1.0, 1.0, 1.0), T1, T0, T1))
        .hasMessageContaining("lost time");
    assertThatThrownBy(() -> planner.plan("I-X", L, List.of(List.of(new Approach("N", 1.0, 0))), T1, T0, T1))
        .hasMessageContaining("'N' has 0 lanes");
  }

  @Test
  void plansANetworkIntersectionFromItsApproachStatistics() {
    // A cross: northbound and southbound approaches on 2 lanes, eastbound and westbound on 1.
    Segment north = approach("NB", 4.0, 51.99, 4.0, 52.0, 2);   // heading 0°
    Segment south = approach("SB", 4.0, 52.01, 4.0, 52.0, 2);   // heading 180°
    Segment east = approach("EB", 3.99, 52.0, 4.0, 52.0, 1);    // heading 90°
    Segment west = approach("WB", 4.01, 52.0, 4.0, 52.0, 1);    // heading 270°
    Intersection ix = new Intersection("I-1", "Cross", new LonLat(4.0, 52.0), List.of("EB", "NB", "WB", "SB"), 10);
    RoadNetwork network = new RoadNetwork("t", List.of(north, south, east, west), List.of(), List.of(ix));
    Map<String, SegmentStats> stats = new HashMap<>();
    stats.put("NB", stats("NB", T0, 1440.0));       // y = 0.4
    stats.put("SB", stats("SB", T0 + 60_000, 720.0));
    stats.put("EB", stats("EB", T0, 360.0));        // y = 0.2
    stats.put("WB", stats("WB", T0, null));         // no detector flow

    SignalPlan p = planner.plan(ix, network, stats, T0 + 120_000).orElseThrow();

    assertThat(p.phases()).extracting(SignalPlan.Phase::approaches)
        .containsExactly(List.of("NB", "SB"), List.of("EB", "WB"));
    assertThat(p.phases().get(0).criticalFlowRatio()).isCloseTo(0.4, within(1e-12));
    assertThat(p.phases().get(1).criticalFlowRatio()).isCloseTo(0.2, within(1e-12));
    assertThat(p.cycleS()).isCloseTo((1.5 * 10 + 5) / 0.4, within(1e-9)); // 50 s
    assertThat(p.basedOnWindowStart()).isEqualTo(T0);
    assertThat(p.basedOnWindowEnd()).isEqualTo(T0 + 120_000);
    assertThat(planner.plan(ix, network, Map.of(), T0)).isEmpty();
  }

  @Test
  void plansEveryMetrovilleIntersection() {
    RoadNetwork network = new RoadNetworkLoader().load(RoadNetworkLoader.METROVILLE);
    for (Intersection ix : network.intersections()) {
      Map<String, SegmentStats> stats = new HashMap<>();
      ix.approaches().forEach(a -> stats.put(a, stats(a, T0, 500.0)));

      Optional<SignalPlan> plan = planner.plan(ix, network, stats, T1);

      assertThat(plan).as(ix.id()).isPresent();
      assertThat(plan.get().phases()).as(ix.id()).hasSize(2);
      assertThat(plan.get().phases()).as(ix.id()).allSatisfy(ph -> assertThat(ph.approaches()).hasSize(2));
    }
  }

  private static Segment approach(String id, double lon0, double lat0, double lon1, double lat1, int lanes) {
    return new Segment(id, id, RoadClass.ARTERIAL, lanes, 500, 50, 900,
        List.of(new LonLat(lon0, lat0), new LonLat(lon1, lat1)), List.of(), List.of());
  }

  private static SegmentStats stats(String segmentId, long start, Double flow) {
    return new SegmentStats(segmentId, start, start + 60_000, 40.0, flow, null, null, null, null, 1, 0);
  }
}
