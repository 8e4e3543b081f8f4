package io.roadstream.core.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BoundingBoxTest {

  private final BoundingBox box = new BoundingBox(13.0, 52.0, 13.1, 52.1);

  @Test
  void containsPointsOnAndInsideItsEdges() {
    assertThat(box.contains(new LonLat(13.05, 52.05))).isTrue();
    assertThat(box.contains(new LonLat(13.1, 52.0))).isTrue();
    assertThat(box.contains(new LonLat(13.2, 52.05))).isFalse();
  }

  @Test
  void aRoadCrossingTheBoxIntersectsItThoughNoVertexIsInside() {
    assertThat(box.intersects(List.of(new LonLat(12.9, 52.05), new LonLat(13.2, 52.06)))).isTrue();
  }

  @Test
  void aRoadPassingByDoesNot() {
    // passes the box's north-east corner diagonally outside it
    assertThat(box.intersects(List.of(new LonLat(13.05, 52.2), new LonLat(13.2, 52.05)))).isFalse();
    assertThat(box.intersects(List.of(new LonLat(12.0, 52.5), new LonLat(12.5, 52.5)))).isFalse();
  }

  @Test
  void aRoadWithAVertexInsideIntersects() {
    assertThat(box.intersects(List.of(new LonLat(13.05, 52.05), new LonLat(14, 53)))).isTrue();
    assertThat(box.intersects(List.of(new LonLat(13.05, 52.05)))).isTrue();
  }

  @Test
  void refusesAnInvertedBox() {
    assertThatThrownBy(() -> new BoundingBox(13.1, 52.0, 13.0, 52.1)).isInstanceOf(IllegalArgumentException.class);
  }
}
