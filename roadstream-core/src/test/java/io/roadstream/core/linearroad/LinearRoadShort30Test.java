package io.roadstream.core.linearroad;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The whole 30-minute, one-expressway Linear Road run against the public validator's answers
 * (shared/data/linear-road/SOURCE.md): every answer of every type on its match key, no missing, no extra, same
 * values. Emit times are not compared.
 */
class LinearRoadShort30Test {

  static final Path DATA = Path.of("..", "..", "shared", "data", "linear-road");
  static final Path INPUT = DATA.resolve("lr-1x-30min.dat.gz");
  static final Path EXPECTED = DATA.resolve("lr-1x-30min.expected-out.txt.gz");
  static final Path MATCHING_TOLLS = DATA.resolve("lr-1x-30min.matchTollsOnly.dat");

  @Test
  void answersMatchTheValidatorOnTheShortRun() throws IOException {
    LinearRoadAnswers comparison = LinearRoadAnswers.expected(EXPECTED);
    assertThat(comparison.expectedCounts()).as("rows of each type in %s", EXPECTED)
        .containsEntry(0, 569_665).containsEntry(1, 6_444).containsEntry(2, 7_945).containsEntry(5, 7_945)
        .containsEntry(3, 1_579);

    LinearRoadEngine engine = new LinearRoadEngine(TollHistory.load(MATCHING_TOLLS));
    long rows = 0;
    try (BufferedReader in = LinearRoadAnswers.lines(INPUT)) {
      String row;
      while ((row = in.readLine()) != null) {
        engine.accept(LinearRoadParser.parse(row), comparison::accept);
        rows++;
      }
    }
    engine.finish(comparison::accept);
    comparison.finish();

    System.out.println("Linear Road short run: " + rows + " input rows");
    System.out.println(comparison.report());
    assertThat(rows).isEqualTo(1_568_819);
    assertThat(comparison.differences()).as(comparison.report()).isZero();
    assertThat(comparison.matched()).containsEntry(0, 569_665).containsEntry(1, 6_444).containsEntry(2, 7_945)
        .containsEntry(3, 1_579);
    assertThat(comparison.matchedTollsAboveZero()).isEqualTo(84_207);
  }

  @Test
  void dailyExpendituresFromTheFullTollHistoryAreTheSame() throws IOException {
    LinearRoadAnswers comparison = LinearRoadAnswers.expected(EXPECTED);
    TollHistory full = TollHistory.load(DATA.resolve("lr-1x-30min.tolls.dat.gz"));
    try (BufferedReader in = LinearRoadAnswers.lines(INPUT)) {
      String row;
      while ((row = in.readLine()) != null) {
        if (row.startsWith("3,") && LinearRoadParser.parse(row) instanceof DailyExpenditureQuery q) {
          full.answer(q).ifPresent(comparison::accept);
        }
      }
    }
    comparison.finish();

    assertThat(full.size()).isEqualTo(4_222_317);
    assertThat(comparison.matched()).as(comparison.report()).containsExactly(java.util.Map.entry(3, 1_579));
    // only daily expenditures were answered here: nothing of type 3 may be wrong, extra or missing
    assertThat(comparison.problemCounts().keySet()).as(comparison.report())
        .noneMatch(kind -> kind.startsWith("type 3"));
  }
}
