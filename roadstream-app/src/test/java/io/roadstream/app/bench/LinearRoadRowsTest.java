package io.roadstream.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinearRoadRowsTest {

  @TempDir Path dir;

  private static String report(int time, int vid) {
    return "0," + time + "," + vid + ",32,0,1,0,31,165280,-1,-1,-1,-1,-1,-1";
  }

  @Test
  void keepsTheFirstMinutesGroupedBySecond() throws Exception {
    Path file = Files.write(dir.resolve("in.dat"), List.of(report(0, 1), report(0, 2), report(2, 3), report(61, 4),
        report(61, 5), report(61, 6), report(120, 7)));

    LinearRoadRows rows = LinearRoadRows.load(file, 2);

    assertThat(rows.rows()).as("the row at second 120 is past 2 minutes").isEqualTo(6);
    assertThat(rows.seconds()).isEqualTo(120);
    assertThat(rows.endRowOf(0) - rows.firstRowOf(0)).isEqualTo(2);
    assertThat(rows.endRowOf(1) - rows.firstRowOf(1)).isZero();
    assertThat(rows.field(rows.firstRowOf(2), LinearRoadRows.VID)).isEqualTo(3);
    assertThat(rows.rowsInMinute(0)).isEqualTo(3);
    assertThat(rows.rowsInMinute(1)).isEqualTo(3);
    assertThat(rows.busiestMinute()).isZero();
    assertThat(rows.maxVid()).isEqualTo(6);
    assertThat(rows.maxQid()).isEqualTo(-1);
    assertThat(rows.xways()).isEqualTo(1);
  }

  @Test
  void refusesRowsOutOfTimeOrderOrNotFifteenIntegers() throws Exception {
    Path unordered = Files.write(dir.resolve("a.dat"), List.of(report(5, 1), report(4, 2)));
    assertThatThrownBy(() -> LinearRoadRows.load(unordered, 1)).hasMessageContaining("line 2")
        .hasMessageContaining("time order");
    Path shortRow = Files.write(dir.resolve("b.dat"), List.of(report(0, 1), "0,1,2,3"));
    assertThatThrownBy(() -> LinearRoadRows.load(shortRow, 1)).hasMessageContaining("line 2")
        .hasMessageContaining("not 15 integers");
    Path letters = Files.write(dir.resolve("c.dat"), List.of(report(0, 1).replace("32", "3x")));
    assertThatThrownBy(() -> LinearRoadRows.load(letters, 1)).hasMessageContaining("not 15 integers");
  }
}
