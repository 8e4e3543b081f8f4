package io.roadstream.core.detector;

import static org.assertj.core.api.Assertions.assertThat;

import io.roadstream.core.network.Detector;
import io.roadstream.core.network.LonLat;
import io.roadstream.core.network.RoadClass;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.network.RoadNetworkLoader;
import io.roadstream.core.network.Segment;
import java.util.List;
import org.junit.jupiter.api.Test;

class StationPairsTest {

  private static final LonLat P = new LonLat(4.0, 52.0);

  /** Segments of one road share the road's name: its first letter here (M1, M2 are road "M"). */
  private static Segment segment(String id, RoadClass roadClass, List<String> downstream) {
    return new Segment(id, id.substring(0, 1), roadClass, 2, 1000, 100, 2000, List.of(P, new LonLat(4.0146, 52.0)), List.of(),
        downstream);
  }

  private static Detector detector(String id, String segmentId, double offset) {
    return new Detector(id, segmentId, offset, P);
  }

  @Test
  void pairsConsecutiveDetectorsAlongEachMotorwayOrExpressway() {
    RoadNetwork network = new RoadNetwork("t",
        List.of(segment("M1", RoadClass.MOTORWAY, List.of("M2", "X1")), segment("M2", RoadClass.MOTORWAY, List.of()),
            segment("X1", RoadClass.EXPRESSWAY, List.of())),
        List.of(detector("d-m1-b", "M1", 800), detector("d-m1-a", "M1", 200), detector("d-m2", "M2", 500),
            detector("d-x1-b", "X1", 900), detector("d-x1-a", "X1", 100)),
        List.of());

    assertThat(StationPairs.of(network)).extracting(StationPair::key)
        // M1 diverges into M2 (the same road) and X1 (another road): only the mainline pairs across the diverge
        .containsExactly("d-m1-a>d-m1-b", "d-m1-b>d-m2", "d-x1-a>d-x1-b");
    assertThat(StationPairs.of(network).get(1))
        .isEqualTo(new StationPair("d-m1-b", "d-m2", "M1", "M2"));
  }

  @Test
  void signalisedRoadsGetNoPairs() {
    RoadNetwork network = new RoadNetwork("t",
        List.of(segment("X1", RoadClass.EXPRESSWAY, List.of("A1")), segment("A1", RoadClass.ARTERIAL, List.of("A2")),
            segment("A2", RoadClass.COLLECTOR, List.of())),
        List.of(detector("d-x1", "X1", 500), detector("d-a1", "A1", 100), detector("d-a1b", "A1", 600),
            detector("d-a2", "A2", 500)),
        List.of());

    assertThat(StationPairs.of(network)).isEmpty();
  }

  @Test
  void aSegmentWithoutDetectorBreaksTheChain() {
    RoadNetwork network = new RoadNetwork("t",
        List.of(segment("M1", RoadClass.MOTORWAY, List.of("M2")), segment("M2", RoadClass.MOTORWAY, List.of("M3")),
            segment("M3", RoadClass.MOTORWAY, List.of())),
        List.of(detector("d1", "M1", 500), detector("d3", "M3", 500)),
        List.of());

    assertThat(StationPairs.of(network)).isEmpty();
  }

  @Test
  void aNetworkWithoutDetectorsHasNoPairs() {
    RoadNetwork network = new RoadNetwork("t", List.of(segment("M1", RoadClass.MOTORWAY, List.of())), List.of(),
        List.of());

    assertThat(StationPairs.of(network)).isEmpty();
  }

  @Test
  void metrovilleMotorwayIsCoveredStationByStation() {
    RoadNetwork network = new RoadNetworkLoader().load(RoadNetworkLoader.METROVILLE);

    List<StationPair> pairs = StationPairs.of(network);

    assertThat(pairs).extracting(StationPair::key).contains("D-M1-E-03>D-M1-E-04");
    assertThat(pairs).allSatisfy(p -> {
      assertThat(network.requireSegment(p.upstreamSegmentId()).roadClass().uninterruptedFlow()).as(p.key()).isTrue();
      assertThat(network.requireSegment(p.downstreamSegmentId()).roadClass().uninterruptedFlow()).as(p.key()).isTrue();
      assertThat(p.upstreamSegmentId().equals(p.downstreamSegmentId())
          || network.requireSegment(p.upstreamSegmentId()).downstream().contains(p.downstreamSegmentId()))
          .as(p.key()).isTrue();
      assertThat(network.requireSegment(p.upstreamSegmentId()).name())
          .isEqualTo(network.requireSegment(p.downstreamSegmentId()).name());
    });
    assertThat(pairs).extracting(StationPair::key).doesNotHaveDuplicates();
  }
}
