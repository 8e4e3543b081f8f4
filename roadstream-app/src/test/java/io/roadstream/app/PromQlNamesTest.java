package io.roadstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlNamesTest {

  @Test
  void findsTheMetricNamesAndNothingElse() {
    assertThat(PromQlNames.of("histogram_quantile(0.99, sum by (le, sink) (rate(a_seconds_bucket{sink=\"x y\"}[5m])))"))
        .containsExactly("a_seconds_bucket");
    assertThat(PromQlNames.of("max(increase(b_total{outcome=\"failed\"}[1m])) / on(job) group_left c_up or vector(0)"))
        .containsExactly("b_total", "c_up");
    assertThat(PromQlNames.of("sum without (instance) (d) > bool 1 offset 5m")).containsExactly("d");
  }
}
