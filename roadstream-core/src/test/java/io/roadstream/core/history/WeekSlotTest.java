package io.roadstream.core.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class WeekSlotTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @Test
  void slotsRunFromMondayMidnightToSundayNight() {
    assertThat(WeekSlot.of(Instant.parse("2024-05-06T00:00:00Z"), ZoneOffset.UTC).index()).isZero();
    assertThat(WeekSlot.of(Instant.parse("2024-05-06T00:14:59Z"), ZoneOffset.UTC).index()).isZero();
    assertThat(WeekSlot.of(Instant.parse("2024-05-12T23:50:00Z"), ZoneOffset.UTC).index()).isEqualTo(671);
    WeekSlot tuesday = WeekSlot.of(Instant.parse("2024-05-07T17:45:00Z"), ZoneOffset.UTC);
    assertThat(tuesday.index()).isEqualTo(96 + 71);
    assertThat(tuesday.day()).isEqualTo(DayOfWeek.TUESDAY);
    assertThat(tuesday.start()).isEqualTo(LocalTime.of(17, 45));
  }

  @Test
  void slotsAreInLocalTime() {
    // 06:00 UTC is 08:00 in Berlin in summer
    assertThat(WeekSlot.of(Instant.parse("2024-05-06T06:00:00Z"), BERLIN).index()).isEqualTo(32);
    // and 07:00 UTC in winter
    assertThat(WeekSlot.of(Instant.parse("2024-01-08T07:00:00Z"), BERLIN).index()).isEqualTo(32);
  }

  @Test
  void recentStartsFollowLocalTimeAcrossTheChangeToSummerTime() {
    // Monday 08:00 in Berlin; summer time began on Sunday 2024-03-31
    assertThat(new WeekSlot(32).recentStarts(BERLIN, Instant.parse("2024-04-02T12:00:00Z"), 3)).containsExactly(
        Instant.parse("2024-04-01T06:00:00Z"), Instant.parse("2024-03-25T07:00:00Z"),
        Instant.parse("2024-03-18T07:00:00Z"));
  }

  @Test
  void theCurrentWeeksStartCountsOnlyOnceItHasBegun() {
    WeekSlot mondayEight = new WeekSlot(32);
    assertThat(mondayEight.recentStarts(ZoneOffset.UTC, Instant.parse("2024-05-06T07:59:59Z"), 1))
        .containsExactly(Instant.parse("2024-04-29T08:00:00Z"));
    assertThat(mondayEight.recentStarts(ZoneOffset.UTC, Instant.parse("2024-05-06T08:00:00Z"), 1))
        .containsExactly(Instant.parse("2024-05-06T08:00:00Z"));
  }

  @Test
  void aQuarterHourThatSummerTimeSkipsHasNoStartThatWeek() {
    // Sunday 02:15 did not happen in Berlin on 2024-03-31
    WeekSlot sundayTwoFifteen = new WeekSlot(6 * 96 + 9);
    assertThat(sundayTwoFifteen.recentStarts(BERLIN, Instant.parse("2024-04-01T00:00:00Z"), 2))
        .containsExactly(Instant.parse("2024-03-24T01:15:00Z"));
  }

  @Test
  void refusesSlotsOutsideTheWeek() {
    assertThatThrownBy(() -> new WeekSlot(672)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new WeekSlot(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
