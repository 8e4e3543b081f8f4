package io.roadstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.roadstream.core.event.SegmentStats;
import java.util.Comparator;
import java.util.List;
import org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration;

/**
 * Compares segment statistics computed along different paths. Sums folded in a different order differ in the last
 * bits of a double, so numbers are equal within a relative 1e-9; everything else must match exactly.
 */
public final class StatsAssertions {

  private static final double RELATIVE_TOLERANCE = 1e-9;

  private StatsAssertions() {}

  public static final Comparator<Double> CLOSE_ENOUGH = (a, b) -> {
    if (a == null || b == null) {
      return a == b ? 0 : (a == null ? -1 : 1);
    }
    double scale = Math.max(1.0, Math.max(Math.abs(a), Math.abs(b)));
    return Math.abs(a - b) <= RELATIVE_TOLERANCE * scale ? 0 : Double.compare(a, b);
  };

  public static final RecursiveComparisonConfiguration NUMBERS_WITHIN_TOLERANCE =
      RecursiveComparisonConfiguration.builder().withComparatorForType(CLOSE_ENOUGH, Double.class).build();

  /** Same windows, same values, in any order; no window missing, none extra, none twice. */
  public static void assertSameStats(List<SegmentStats> actual, List<SegmentStats> expected) {
    assertThat(actual)
        .usingRecursiveFieldByFieldElementComparator(NUMBERS_WITHIN_TOLERANCE)
        .containsExactlyInAnyOrderElementsOf(expected);
  }
}
