package io.roadstream.pipeline;

/**
 * The flows one approach of an intersection saw during the current planning period: their sum over windows, so the
 * plan uses the period's mean flow rather than its last minute.
 */
public record ApproachFlow(double flowSum, int windows, long firstWindowStart, long lastWindowEnd) {

  public ApproachFlow add(double flow, long windowStart, long windowEnd) {
    return new ApproachFlow(flowSum + flow, windows + 1, Math.min(firstWindowStart, windowStart),
        Math.max(lastWindowEnd, windowEnd));
  }

  public double meanFlow() {
    return flowSum / windows;
  }
}
