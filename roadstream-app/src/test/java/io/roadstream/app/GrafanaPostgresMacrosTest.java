package io.roadstream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The macro expansion the dashboard test relies on, against Grafana's documented output. */
class GrafanaPostgresMacrosTest {

  private final GrafanaPostgresMacros macros = new GrafanaPostgresMacros(Instant.parse("2017-04-21T05:01:17Z"),
      Instant.parse("2017-04-21T05:06:17Z"));

  @Test
  void expandsTheTimeMacrosAsGrafanasDocumentationShowsThem() {
    assertThat(macros.expand("WHERE $__timeFilter(dateColumn)", Map.of()))
        .isEqualTo("WHERE dateColumn BETWEEN '2017-04-21T05:01:17Z' AND '2017-04-21T05:06:17Z'");
    assertThat(macros.expand("SELECT $__timeGroupAlias(dateColumn,'5m')", Map.of()))
        .isEqualTo("SELECT floor(extract(epoch from dateColumn)/300)*300 AS \"time\"");
    assertThat(macros.expand("SELECT $__timeGroup(d, '1h'), $__time(d), $__timeFrom(), $__timeTo()", Map.of()))
        .isEqualTo("SELECT floor(extract(epoch from d)/3600)*3600, d AS \"time\", '2017-04-21T05:01:17Z', "
            + "'2017-04-21T05:06:17Z'");
    assertThat(macros.expand("$__unixEpochFilter(t)", Map.of())).isEqualTo("t >= 1492750877 AND t <= 1492751177");
  }

  @Test
  void substitutesVariablesAsQuotedLists() {
    assertThat(macros.expand("s IN ($segment) OR s IN (${segment}) OR s = [[segment]]",
        Map.of("segment", List.of("M1-E-01", "it's"))))
        .isEqualTo("s IN ('M1-E-01','it''s') OR s IN ('M1-E-01','it''s') OR s = 'M1-E-01','it''s'");
  }

  @Test
  void refusesWhatItDoesNotKnow() {
    assertThatThrownBy(() -> macros.expand("SELECT $__timeGroupAliasFancy(x)", Map.of()))
        .hasMessageContaining("$__timeGroupAliasFancy");
    assertThatThrownBy(() -> macros.expand("WHERE s IN ($unknown)", Map.of())).hasMessageContaining("$unknown");
  }
}
