package io.roadstream.ingest.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class ScenarioLoaderTest {

  private final ScenarioLoader loader = new ScenarioLoader();

  private Scenario parse(String yaml) {
    return loader.parse("test.yaml", yaml.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void loadsTheBundledMorningPeak() {
    Scenario scenario = loader.load(ScenarioLoader.MORNING_PEAK);

    assertThat(scenario.name()).isEqualTo("morning-peak");
    assertThat(scenario.start()).isEqualTo(LocalTime.of(6, 45));
    assertThat(scenario.duration()).isEqualTo(Duration.ofMinutes(165));
    assertThat(scenario.incidents()).singleElement().satisfies(i -> {
      assertThat(i.segmentId()).isEqualTo("M1-E-07");
      assertThat(i.lanesBlocked()).isEqualTo(2);
      assertThat(i.stoppedVehicles()).isEqualTo(2);
      assertThat(i.from()).isEqualTo(LocalTime.of(7, 10));
      assertThat(i.to()).isEqualTo(LocalTime.of(7, 40));
    });
    DemandProfile demand = new DemandProfile(scenario);
    assertThat(demand.multiplierAt(0)).isEqualTo(0.4);
    assertThat(demand.multiplierAt(45 * 60)).isEqualTo(1.0);
    assertThat(demand.multiplierAt(10 * 3600)).isEqualTo(0.5);
  }

  @Test
  void interpolatesDemandLinearlyAndHoldsItBeyondTheEnds() {
    Scenario scenario = parse("""
        start: "23:00"
        duration: 3h
        demand:
          - {at: "23:30", multiplier: 0.2}
          - {at: "00:30", multiplier: 1.0}
        """);
    DemandProfile demand = new DemandProfile(scenario);

    assertThat(demand.multiplierAt(-600)).isEqualTo(0.2);
    assertThat(demand.multiplierAt(3600)).isCloseTo(0.6, within(1e-9)); // 00:00, across midnight
    assertThat(demand.multiplierAt(5 * 3600)).isEqualTo(1.0);
    assertThat(scenario.speedFactor()).isEqualTo(1.0);
    assertThat(scenario.incidents()).isEmpty();
    assertThat(scenario.name()).isEqualTo("test.yaml");
  }

  @Test
  void acceptsIsoDurations() {
    assertThat(parse("start: \"06:00\"\nduration: PT1H30M\ndemand: [{at: \"06:00\", multiplier: 1}]\n").duration())
        .isEqualTo(Duration.ofMinutes(90));
  }

  @Test
  void rejectsABadFileListingEveryFieldAtFault() {
    assertThatThrownBy(() -> parse("""
        name: broken
        start: "25:00"
        duration: soon
        speedFactor: -1
        colour: blue
        demand:
          - {at: "07:00", multiplier: 1}
          - {at: "06:00", multiplier: 2}
          - {at: "08:00"}
        incidents:
          - {segmentId: M1-E-07, offsetM: 10, from: "07:10", to: "07:10", lanesBlocked: two}
        """))
        .isInstanceOf(ScenarioFormatException.class)
        .hasMessageContaining("'start'")
        .hasMessageContaining("'duration'")
        .hasMessageContaining("'speedFactor'")
        .hasMessageContaining("'colour' is not known")
        .hasMessageContaining("'demand[2].multiplier' is missing")
        .hasMessageContaining("'incidents[0].to'")
        .hasMessageContaining("'incidents[0].lanesBlocked'");
  }

  @Test
  void rejectsDemandPointsOutOfOrder() {
    assertThatThrownBy(() -> parse("""
        start: "06:00"
        duration: 2h
        demand:
          - {at: "07:00", multiplier: 1}
          - {at: "06:30", multiplier: 2}
        """)).hasMessageContaining("'demand[1].at'").hasMessageContaining("must come after");
  }

  @Test
  void rejectsAMissingDemandAndNonYaml() {
    assertThatThrownBy(() -> parse("start: \"06:00\"\nduration: 1h\n")).hasMessageContaining("'demand' is missing");
    assertThatThrownBy(() -> parse("start: [unclosed")).hasMessageContaining("not valid YAML");
    assertThatThrownBy(() -> loader.load("no-such-scenario")).hasMessageContaining("no-such-scenario");
  }
}
