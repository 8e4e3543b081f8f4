package io.roadstream.core.linearroad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AccountBalanceProcessorTest {

  private final AccountBalanceProcessor processor = new AccountBalanceProcessor();

  @Test
  void aCarWithoutChargesHasABalanceOfZero() {
    assertThat(processor.answer(null, new AccountBalanceQuery(30, 7, 1)))
        .isEqualTo(new AccountBalance(30, 30, 30, 1, 0));
  }

  @Test
  void theBalanceIsTheSumOfTheChargesAndRemembersTheLast() {
    VehicleAccount a = processor.charge(processor.charge(null, new TollCharge(7, 60, 8)), new TollCharge(7, 120, 2));

    assertThat(a).isEqualTo(new VehicleAccount(10, 2, 120, 2));
    assertThat(processor.answer(a, new AccountBalanceQuery(120, 7, 3)).balance()).isEqualTo(10);
  }

  @Test
  void rejectsChargesOutOfTimeOrder() {
    VehicleAccount a = processor.charge(null, new TollCharge(7, 120, 2));

    assertThatThrownBy(() -> processor.charge(a, new TollCharge(7, 60, 8)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out of time order");
  }
}
