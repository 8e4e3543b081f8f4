package io.roadstream.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

  @Test
  void percentilesAreExactToTheMillisecond() {
    LatencyHistogram h = new LatencyHistogram();
    for (int ms = 1; ms <= 1000; ms++) {
      h.record(ms);
    }
    assertThat(h.count()).isEqualTo(1000);
    assertThat(h.percentile(0.5)).isEqualTo(500);
    assertThat(h.percentile(0.99)).isEqualTo(990);
    assertThat(h.percentile(1.0)).isEqualTo(1000);
    assertThat(h.max()).isEqualTo(1000);
    assertThat(h.above(990)).isEqualTo(10);
  }

  @Test
  void beyondTenMinutesOnlyTheMaximumIsExact() {
    LatencyHistogram h = new LatencyHistogram();
    h.record(-3);
    h.record(700_000);
    assertThat(h.percentile(0.5)).as("a negative latency counts as 0").isZero();
    assertThat(h.percentile(1.0)).isEqualTo(700_000);
    assertThat(h.max()).isEqualTo(700_000);
  }

  @Test
  void emptyHistogramSaysZero() {
    assertThat(new LatencyHistogram().percentile(0.99)).isZero();
  }
}
