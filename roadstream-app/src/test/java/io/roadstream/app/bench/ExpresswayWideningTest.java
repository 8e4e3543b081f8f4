package io.roadstream.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExpresswayWideningTest {

  @TempDir Path dir;

  private LinearRoadRows rows(String... lines) throws Exception {
    return LinearRoadRows.load(Files.write(dir.resolve("in.dat"), java.util.List.of(lines)), 1);
  }

  private static String written(ExpresswayWidening w, LinearRoadRows rows, int row, int copy) {
    byte[] out = new byte[256];
    int n = w.write(rows, row, copy, out);
    return new String(out, 0, n, StandardCharsets.US_ASCII);
  }

  @Test
  void copyOffsetsVidXwayAndQidAndLeavesTheRestAsItWas() throws Exception {
    LinearRoadRows rows = rows(
        "0,0,61191,32,0,1,0,31,165280,-1,-1,-1,-1,-1,-1",
        "2,1,30,10,0,0,1,44,237599,0,-1,-1,-1,-1,-1",
        "3,18,414,10,0,0,0,48,253440,9523,-1,-1,-1,-1,27");
    ExpresswayWidening w = ExpresswayWidening.of(rows, 13);

    assertThat(w.vidStride()).isEqualTo(100_000);
    assertThat(w.qidStride()).isEqualTo(10_000);
    assertThat(written(w, rows, 0, 0)).isEqualTo("0,0,61191,32,0,1,0,31,165280,-1,-1,-1,-1,-1,-1");
    assertThat(written(w, rows, 0, 12)).isEqualTo("0,0,1261191,32,12,1,0,31,165280,-1,-1,-1,-1,-1,-1");
    assertThat(written(w, rows, 1, 3)).isEqualTo("2,1,300030,10,3,0,1,44,237599,30000,-1,-1,-1,-1,-1");
    assertThat(written(w, rows, 2, 7)).isEqualTo("3,18,700414,10,7,0,0,48,253440,79523,-1,-1,-1,-1,27");
  }

  @Test
  void widenedIdsTellTheirCopy() {
    ExpresswayWidening w = new ExpresswayWidening(4, 1, 100_000, 10_000);
    assertThat(w.copyOfVid(300_017)).isEqualTo(3);
    assertThat(w.copyOfVid(17)).isZero();
    assertThat(w.copyOfVid(400_000)).as("beyond the last copy").isEqualTo(-1);
    assertThat(w.copyOfQid(29_999)).isEqualTo(2);
    assertThat(w.copyOfQid(-1)).isEqualTo(-1);
    assertThat(w.tollHistoryRow(49, 36, 0, 22, 2)).isEqualTo("200049,36,2,22");
  }

  @Test
  void stridesArePowersOfTenAboveTheLargestId() {
    assertThat(ExpresswayWidening.strideAbove(0)).isEqualTo(10);
    assertThat(ExpresswayWidening.strideAbove(9)).isEqualTo(10);
    assertThat(ExpresswayWidening.strideAbove(10)).isEqualTo(100);
    assertThat(ExpresswayWidening.strideAbove(61_191)).isEqualTo(100_000);
  }

  @Test
  void refusesMoreCopiesThanTheTollHistoryCanNumber() {
    assertThatThrownBy(() -> new ExpresswayWidening(700, 1, 100_000, 10_000))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("toll history");
    assertThatThrownBy(() -> new ExpresswayWidening(0, 1, 10, 10)).isInstanceOf(IllegalArgumentException.class);
  }
}
