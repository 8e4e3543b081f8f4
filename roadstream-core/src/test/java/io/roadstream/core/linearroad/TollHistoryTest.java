package io.roadstream.core.linearroad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TollHistoryTest {

  @Test
  void answersFromTheRowOfTheCarDayAndExpressway() {
    TollHistory h = TollHistory.of(new int[] {49, 36, 0, 22}, new int[] {49, 37, 0, 5}, new int[] {49, 36, 1, 9});

    assertThat(h.answer(new DailyExpenditureQuery(18, 49, 0, 4, 36)))
        .contains(new DailyExpenditure(18, 18, 4, 22));
    assertThat(h.toll(49, 36, 1)).contains(9);
    assertThat(h.toll(49, 37, 0)).contains(5);
  }

  @Test
  void answersNothingWhenTheHistoryHasNoRowAsTheValidatorDoes() {
    TollHistory h = TollHistory.of(new int[] {49, 36, 0, 22});

    assertThat(h.answer(new DailyExpenditureQuery(18, 49, 0, 4, 35))).isEmpty();
    assertThat(h.toll(50, 36, 0)).isEqualTo(Optional.empty());
    assertThat(TollHistory.of().toll(49, 36, 0)).isEmpty();
  }

  @Test
  void loadsAFileAndNamesABadRow(@TempDir Path dir) throws IOException {
    Path good = Files.writeString(dir.resolve("tolls.dat"), "49,36,0,22\n58,15,0,26\n");
    Path bad = Files.writeString(dir.resolve("bad.dat"), "49,36,0,22\n58,15,0\n");
    Path twice = Files.writeString(dir.resolve("twice.dat"), "49,36,0,22\n49,36,0,23\n");

    assertThat(TollHistory.load(good).toll(58, 15, 0)).contains(26);
    assertThatThrownBy(() -> TollHistory.load(bad)).isInstanceOf(LinearRoadFormatException.class)
        .hasMessageContaining("row '58,15,0'");
    assertThatThrownBy(() -> TollHistory.load(twice)).hasMessageContaining("more than one row for VID 49, Day 36, XWay 0");
  }
}
