package io.roadstream.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistoryConfigTest {

  private final ConfigLoader loader = new ConfigLoader();

  @Test
  void keepsWindowsFiveWeeksQuarterHoursOverAYearAndHoursForever() {
    RoadstreamConfig.History history = loader.load(null, Map.of(), Map.of()).history();
    assertThat(history.retention().rawDays()).isEqualTo(35);
    assertThat(history.retention().fifteenMinuteDays()).isEqualTo(400);
    assertThat(history.retention().hourDays()).isZero();
    assertThat(history.typical().weeks()).isEqualTo(8);
    assertThat(history.maintenanceIntervalSeconds()).isEqualTo(60);
    assertThat(history.zone()).isEqualTo(ZoneId.of("UTC"));
  }

  @Test
  void takesEnvironmentAndFlags() {
    RoadstreamConfig.History history = loader.load(null,
        Map.of("ROADSTREAM_HISTORY_RETENTION_RAW_DAYS", "7", "ROADSTREAM_HISTORY_TIME_ZONE", "Europe/Berlin"),
        Map.of("history.retention.fifteenMinuteDays", "90", "history.typical.weeks", "4")).history();
    assertThat(history.retention().rawDays()).isEqualTo(7);
    assertThat(history.retention().fifteenMinuteDays()).isEqualTo(90);
    assertThat(history.typical().weeks()).isEqualTo(4);
    assertThat(history.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
  }

  @Test
  void refusesARollupKeptShorterThanWhatItIsMadeFrom() {
    assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("history.retention.rawDays", "0")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("history.retention.fifteenMinuteDays: must be 0 (forever) or at least "
            + "history.retention.rawDays (0)");
    assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("history.retention.hourDays", "30")))
        .hasMessageContaining("history.retention.hourDays: must be 0 (forever) or at least "
            + "history.retention.fifteenMinuteDays (400)");
    assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("history.retention.rawDays", "-1")))
        .hasMessageContaining("history.retention.rawDays: must be at least 0 (0 = keep forever)");
    // everything forever is fine
    assertThat(loader.load(null, Map.of(), Map.of("history.retention.rawDays", "0",
        "history.retention.fifteenMinuteDays", "0")).history().retention().rawDays()).isZero();
  }

  @Test
  void refusesTypicalSpeedsFromWeeksThatAreNoLongerKept() {
    assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("history.retention.rawDays", "7",
        "history.retention.fifteenMinuteDays", "28", "history.retention.hourDays", "0")))
        .hasMessageContaining("history.typical.weeks: 8 weeks need the 15-minute rollups kept at least 56 days "
            + "(history.retention.fifteenMinuteDays is 28)");
    assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("history.typical.weeks", "0")))
        .hasMessageContaining("history.typical.weeks: must be 1..52");
  }

  @Test
  void refusesAnUnknownTimeZoneAndAStoppedJob() {
    assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("history.timeZone", "Metroville/Centre")))
        .hasMessageContaining("history.timeZone: must be a time zone such as UTC or Europe/Berlin");
    assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("history.maintenanceIntervalSeconds", "0")))
        .hasMessageContaining("history.maintenanceIntervalSeconds: must be at least 1");
  }
}
