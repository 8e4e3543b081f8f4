package io.roadstream.core.linearroad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinearRoadEngineTest {

  private final LinearRoadEngine engine = new LinearRoadEngine(TollHistory.of(new int[] {1, 3, 0, 42}));
  private final List<LinearRoadAnswer> answers = new ArrayList<>();

  private void feed(LinearRoadInput... inputs) {
    for (LinearRoadInput in : inputs) {
      engine.accept(in, answers::add);
    }
  }

  @Test
  void aBalanceIncludesTheTollChargedInTheSameSecondEvenIfTheQueryCameFirst() {
    for (int car = 100; car < 152; car++) { // 52 slow cars: a toll of 8 in segment 10 in minute 2
      feed(new PositionReport(0, car, 20, 0, 1, 0, 10, 52_900));
    }
    feed(new PositionReport(60, 1, 20, 0, 1, 0, 10, 53_000));
    feed(new AccountBalanceQuery(90, 1, 7), new PositionReport(90, 1, 20, 0, 1, 0, 11, 58_100));
    assertThat(answers).noneMatch(a -> a instanceof AccountBalance);

    engine.finish(answers::add);

    assertThat(answers).contains(new AccountBalance(90, 90, 90, 7, 8));
  }

  @Test
  void answersDailyExpenditureFromTheHistoryOnlyWhenItHasTheRow() {
    feed(new PositionReport(0, 1, 20, 0, 1, 0, 10, 53_000), new DailyExpenditureQuery(0, 1, 0, 8, 3),
        new DailyExpenditureQuery(0, 1, 0, 9, 4));
    engine.finish(answers::add);

    assertThat(answers).filteredOn(a -> a instanceof DailyExpenditure)
        .containsExactly(new DailyExpenditure(0, 0, 8, 42));
  }

  @Test
  void rejectsInputGoingBackInTime() {
    feed(new PositionReport(30, 1, 20, 0, 1, 0, 10, 53_000));

    assertThatThrownBy(() -> feed(new PositionReport(0, 2, 20, 0, 1, 0, 10, 53_000)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("time-ordered");
  }
}
