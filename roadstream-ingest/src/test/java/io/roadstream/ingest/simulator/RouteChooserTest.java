package io.roadstream.ingest.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.roadstream.core.network.LonLat;
import io.roadstream.core.network.RoadClass;
import io.roadstream.core.network.Segment;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A 4 km ring of four segments with an exit after the second, and a straight road with a turn off it. */
class RouteChooserTest {

  private static SegmentState segment(String id, String road) {
    return new SegmentState(new Segment(id, road, RoadClass.EXPRESSWAY, 2, 1000, 70, 2000,
        List.of(new LonLat(4, 52), new LonLat(4.0146, 52)), List.of(), List.of()));
  }

  private final SegmentState r1 = segment("R1", "Ring");
  private final SegmentState r2 = segment("R2", "Ring");
  private final SegmentState r3 = segment("R3", "Ring");
  private final SegmentState r4 = segment("R4", "Ring");
  private final SegmentState exit = segment("X", "Exit");
  private final SegmentState a1 = segment("A1", "Avenue");
  private final SegmentState a2 = segment("A2", "Avenue");
  private final SegmentState turn = segment("T", "Turn");
  private final RouteChooser routes;

  RouteChooserTest() {
    r1.downstream.add(r2);
    r2.downstream.addAll(List.of(r3, exit));
    r3.downstream.add(r4);
    r4.downstream.add(r1);
    a1.downstream.addAll(List.of(a2, turn));
    routes = new RouteChooser(new RingRoads(List.of(r1, r2, r3, r4, exit, a1, a2, turn)));
  }

  @Test
  void mostDriversStayOnTheirRoad() {
    assertThat(share(r2, 1000, r3)).isBetween(0.85, 0.95);
    assertThat(share(a1, 5000, a2)).isBetween(0.85, 0.95);
  }

  @Test
  void driversHalfWayRoundARingTakeTheExit() {
    assertThat(share(r2, 2000, r3)).isZero();
    assertThat(routes.nextAccepting(r2, 2000, new SplittableRandom(1))).isSameAs(exit);
  }

  @Test
  void aRingWithoutAnExitHereIsFollowedWhateverTheDistance() {
    assertThat(routes.next(r3, 3000, new SplittableRandom(1))).isSameAs(r4);
  }

  @Test
  void aRoadThatIsNoRingKeepsItsDrivers() {
    assertThat(share(a1, 1_000_000, a2)).isBetween(0.85, 0.95);
  }

  private double share(SegmentState from, double metresOnRoad, SegmentState to) {
    SplittableRandom random = new SplittableRandom(7);
    int hits = 0;
    for (int i = 0; i < 2000; i++) {
      hits += routes.next(from, metresOnRoad, random) == to ? 1 : 0;
    }
    return hits / 2000.0;
  }
}
