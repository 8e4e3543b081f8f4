package io.roadstream.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WidenedAnswerCheckTest {

  @TempDir Path dir;

  /** Two copies of one expressway: copy 1 has VID + 100, QID + 10, XWay + 1. */
  private final ExpresswayWidening widening = new ExpresswayWidening(2, 1, 100, 10);
  private WidenedAnswerCheck check;

  @BeforeEach
  void expected() throws Exception {
    Path file = Files.write(dir.resolve("expected.txt"), List.of(
        "0,5,10,10,40,0",
        "0,7,12,12,30,18",
        "1,20,20,0,31,0,9",
        "2,30,30,30,3,100",
        "5,30,30,0,3,80",
        "3,40,40,4,55",
        "0,9,200,200,1,0"));
    check = WidenedAnswerCheck.load(file, 120, widening);
  }

  private long accept(String row) {
    return check.accept(row.getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void everyCopyMustGiveEveryExpectedAnswerOnce() {
    assertThat(check.expected()).as("5 answers before second 120, type 2 and 5 being one, × 2 copies").isEqualTo(10);
    assertThat(check.expectedPerCopy()).containsEntry(0, 2).containsEntry(1, 1).containsEntry(2, 1)
        .containsEntry(3, 1);

    for (String row : List.of("0,105,10,10,40,0", "0,107,12,12,30,18", "1,20,20,1,31,0,109", "2,30,30,30,13,80",
        "3,40,40,14,55", "0,5,10,10,40,0", "1,20,20,0,31,0,9", "2,30,30,30,3,100", "3,40,40,4,55")) {
      accept(row);
    }
    assertThat(check.matched()).isEqualTo(9);
    check.finish();
    assertThat(check.problemCounts()).containsOnlyKeys("type 0 missing");
    assertThat(check.report()).contains("copy 0: VID 7 Time 12");
  }

  @Test
  void wrongDuplicateAndExtraAnswersAreDifferences() {
    accept("0,7,12,12,30,17");
    accept("2,30,30,30,3,100");
    accept("2,30,30,30,3,100");
    accept("0,8,10,10,40,0");
    accept("1,20,20,0,31,0,109");
    accept("0,205,10,10,40,0");
    accept("not,an,answer");

    assertThat(check.problemCounts()).containsEntry("type 0 wrong LAV/toll", 1L)
        .containsEntry("type 2 duplicate", 1L).containsEntry("type 0 extra", 1L)
        .containsEntry("type 1 extra", 1L).containsEntry("type 0 of no expressway copy", 1L)
        .containsEntry("not an answer row", 1L);
    assertThat(check.matched()).isEqualTo(1);
  }

  @Test
  void tellsWhichCopyAndSecondTriggeredAnAnswer() {
    assertThat(accept("0,105,10,10,40,0")).isEqualTo(1L << 32 | 10);
    assertThat(accept("3,40,40,4,55")).isEqualTo(40);
    assertThat(accept("2,31,31,31,13,80")).as("extra, but still of copy 1 at second 31").isEqualTo(1L << 32 | 31);
    assertThat(accept("garbage")).isEqualTo(-1);
  }
}
