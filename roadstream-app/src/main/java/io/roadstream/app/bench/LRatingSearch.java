package io.roadstream.app.bench;

import java.util.function.IntPredicate;

/**
 * The L-rating search: the largest number of expressways that holds, assuming that what fails at N fails above N too.
 * Doubles from a start while runs hold (up to a maximum), then bisects between the largest that held and the smallest
 * that failed: about 2·log2(L) runs. On a noisy machine a run near the limit may hold once and fail the next time; the
 * search trusts each run once, and the caller prints every run so a reader can see.
 */
public final class LRatingSearch {

  private LRatingSearch() {}

  /** @return the largest N in 1..max for which {@code holds} is true, 0 if it is not even for 1 */
  public static int search(int start, int max, IntPredicate holds) {
    if (start < 1 || max < start) {
      throw new IllegalArgumentException("need 1 <= start <= max, got start " + start + ", max " + max);
    }
    int held = 0;
    int failed = max + 1;
    for (int n = start; n <= max; n = (int) Math.min((long) n * 2, max + 1L)) {
      if (holds.test(n)) {
        held = n;
      } else {
        failed = n;
        break;
      }
    }
    while (failed - held > 1) {
      int mid = held + (failed - held) / 2;
      if (holds.test(mid)) {
        held = mid;
      } else {
        failed = mid;
      }
    }
    return held;
  }
}
