package io.roadstream.core.history;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * The resolutions history is kept at: the pipeline's own windows ({@code 1m} by default, {@code pipeline.windowSeconds}),
 * and the 15-minute and 1-hour rollups made from them. Rollup periods are aligned to the epoch, i.e. to UTC quarter
 * hours and hours (local quarter hours too: every time zone's offset is a multiple of 15 minutes).
 */
public enum HistoryResolution {
  /** The windows as the pipeline wrote them (one minute unless {@code pipeline.windowSeconds} says otherwise). */
  MINUTE("1m", Duration.ofMinutes(1)),
  FIFTEEN_MINUTES("15m", Duration.ofMinutes(15)),
  HOUR("1h", Duration.ofHours(1));

  private final String label;
  private final Duration period;

  HistoryResolution(String label, Duration period) {
    this.label = label;
    this.period = period;
  }

  /** As the API and the CSV name it: {@code 1m}, {@code 15m}, {@code 1h}. */
  public String label() {
    return label;
  }

  public Duration period() {
    return period;
  }

  /** The start of the period holding {@code epochMs}; a window belongs to the period its start falls in. */
  public long periodStart(long epochMs) {
    long ms = period.toMillis();
    return Math.floorDiv(epochMs, ms) * ms;
  }

  public static Optional<HistoryResolution> byLabel(String label) {
    return Arrays.stream(values()).filter(r -> r.label.equals(label)).findFirst();
  }
}
