package io.roadstream.core.linearroad;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LinearRoadAnswerTest {

  @Test
  void printsTheValidatorsRows() {
    assertThat(new TollNotification(7, 90, 91, 35, 8).toCsv()).isEqualTo("0,7,90,91,35,8");
    assertThat(new AccidentAlert(600, 600, 0, 31, 0, 3623).toCsv()).isEqualTo("1,600,600,0,31,0,3623");
    assertThat(new AccountBalance(22, 22, 22, 5, 0).toCsv()).isEqualTo("2,22,22,22,5,0");
    assertThat(new DailyExpenditure(18, 18, 4, 64).toCsv()).isEqualTo("3,18,18,4,64");
  }
}
