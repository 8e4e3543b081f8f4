package io.roadstream.pipeline;

import io.roadstream.core.event.SignalPlan;
import java.util.Arrays;
import java.util.List;

/**
 * {@link SignalPlan} as it travels through the job: arrays instead of Lists, which Flink would hand to Kryo.
 */
public record SignalPlanRecord(String intersectionId, long computedAt, double cycleS, double lostTimeS,
    PhaseRecord[] phases, double criticalFlowRatioSum, boolean oversaturated, long basedOnWindowStart,
    long basedOnWindowEnd) {

  /** One phase: its approaches, critical flow ratio and effective green. */
  public record PhaseRecord(String[] approaches, double criticalFlowRatio, double greenS) {}

  public static SignalPlanRecord of(SignalPlan p) {
    return new SignalPlanRecord(p.intersectionId(), p.computedAt(), p.cycleS(), p.lostTimeS(),
        p.phases().stream().map(ph -> new PhaseRecord(ph.approaches().toArray(String[]::new), ph.criticalFlowRatio(),
            ph.greenS())).toArray(PhaseRecord[]::new),
        p.criticalFlowRatioSum(), p.oversaturated(), p.basedOnWindowStart(), p.basedOnWindowEnd());
  }

  public SignalPlan toCore() {
    List<SignalPlan.Phase> list = Arrays.stream(phases)
        .map(ph -> new SignalPlan.Phase(List.of(ph.approaches()), ph.criticalFlowRatio(), ph.greenS())).toList();
    return new SignalPlan(intersectionId, computedAt, cycleS, lostTimeS, list, criticalFlowRatioSum, oversaturated,
        basedOnWindowStart, basedOnWindowEnd);
  }
}
