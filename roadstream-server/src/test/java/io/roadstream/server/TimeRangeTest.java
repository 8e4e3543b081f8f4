package io.roadstream.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimeRangeTest {

  private static final Instant NOW = Instant.parse("2024-05-01T08:30:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @Test
  void defaultsToTheLastHourBeforeNow() {
    assertThat(TimeRange.parse(null, null, CLOCK))
        .isEqualTo(new TimeRange(NOW.minus(Duration.ofHours(1)), NOW));
  }

  @Test
  void defaultsFromToOneHourBeforeAGivenTo() {
    assertThat(TimeRange.parse(null, "2024-04-30T12:00:00Z", CLOCK))
        .isEqualTo(new TimeRange(Instant.parse("2024-04-30T11:00:00Z"), Instant.parse("2024-04-30T12:00:00Z")));
  }

  @Test
  void defaultsToToNowWhenOnlyFromIsGiven() {
    assertThat(TimeRange.parse("2024-05-01T06:00:00Z", null, CLOCK))
        .isEqualTo(new TimeRange(Instant.parse("2024-05-01T06:00:00Z"), NOW));
  }

  @Test
  void acceptsFractionsAndExplicitOffsets() {
    TimeRange range = TimeRange.parse("2024-05-01T10:00:00.250+02:00", "2024-05-01T08:15:00Z", CLOCK);
    assertThat(range.from()).isEqualTo(Instant.parse("2024-05-01T08:00:00.250Z"));
  }

  @Test
  void rejectsAValueThatIsNotAnInstantNamingTheParameter() {
    assertThatThrownBy(() -> TimeRange.parse("yesterday", null, CLOCK))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.getMessage()).contains("'from'").contains("yesterday");
        });
    assertThatThrownBy(() -> TimeRange.parse(null, "2024-05-01", CLOCK))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).contains("'to'"));
    assertThatThrownBy(() -> TimeRange.parse("", null, CLOCK))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).contains("'from'"));
  }

  @Test
  void rejectsAnEmptyOrBackwardRange() {
    assertThatThrownBy(() -> TimeRange.parse("2024-05-01T08:00:00Z", "2024-05-01T08:00:00Z", CLOCK))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.getMessage()).contains("'from'").contains("before 'to'");
        });
    assertThatThrownBy(() -> TimeRange.parse("2024-05-01T09:00:00Z", "2024-05-01T08:00:00Z", CLOCK))
        .isInstanceOf(ApiException.class);
  }

  @Test
  void acceptsExactlyThirtyOneDaysButNotMore() {
    Instant to = Instant.parse("2024-05-01T00:00:00Z");
    assertThat(TimeRange.parse(to.minus(Duration.ofDays(31)).toString(), to.toString(), CLOCK).from())
        .isEqualTo(Instant.parse("2024-03-31T00:00:00Z"));
    assertThatThrownBy(() -> TimeRange.parse(to.minus(Duration.ofDays(31)).minusMillis(1).toString(), to.toString(),
        CLOCK))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.getMessage()).contains("'from'").contains("31 days");
        });
  }
}
