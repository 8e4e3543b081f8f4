package io.roadstream.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourceClockTest {

  private static final long T = 1_795_677_000_000L;

  @Test
  void aFirstEventAndEveryLaterOneAreAccepted() {
    assertThat(SourceClock.refusal("detector 'D-1'", null, T)).isEmpty();
    assertThat(SourceClock.refusal("detector 'D-1'", T, T + 1)).isEmpty();
  }

  @Test
  void aRepeatIsADuplicate() {
    assertThat(SourceClock.refusal("detector 'D-1'", T, T)).hasValueSatisfying(reason ->
        assertThat(reason).contains("detector 'D-1' already sent an event for 2026-11-26T"));
  }

  @Test
  void anEarlierTimeIsAClockGoingBackBySoMuch() {
    assertThat(SourceClock.refusal("vehicle 'v-7'", T, T - 90_000)).hasValueSatisfying(reason ->
        assertThat(reason).contains("vehicle 'v-7''s clock went back", "90.0 s before its last event"));
  }
}
