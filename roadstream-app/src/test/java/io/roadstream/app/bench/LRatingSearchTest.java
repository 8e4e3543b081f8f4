package io.roadstream.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LRatingSearchTest {

  private final List<Integer> tried = new ArrayList<>();

  private int searchWithLimit(int start, int max, int limit) {
    return LRatingSearch.search(start, max, n -> {
      tried.add(n);
      return n <= limit;
    });
  }

  @Test
  void doublesThenBisectsToTheLargestThatHolds() {
    assertThat(searchWithLimit(1, 256, 11)).isEqualTo(11);
    assertThat(tried).containsExactly(1, 2, 4, 8, 16, 12, 10, 11);
  }

  @Test
  void aFailingStartBisectsDownwards() {
    assertThat(searchWithLimit(8, 256, 2)).isEqualTo(2);
    assertThat(tried).containsExactly(8, 4, 2, 3);
  }

  @Test
  void stopsAtTheMaximumAndTriesIt() {
    assertThat(searchWithLimit(1, 6, 100)).isEqualTo(6);
    assertThat(tried).containsExactly(1, 2, 4, 5, 6);
  }

  @Test
  void nothingHoldsIsZero() {
    assertThat(searchWithLimit(1, 64, 0)).isZero();
    assertThat(tried).containsExactly(1);
  }
}
