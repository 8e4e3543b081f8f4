package io.roadstream.core.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RoadNetworkLoaderTest {

  private final RoadNetworkLoader loader = new RoadNetworkLoader();

  /** Two 1 km-ish segments in a row along a parallel, a detector on the second, one intersection. */
  private static final String SMALL = """
      {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[4.0, 52.0], [4.0146, 52.0]]},
         "properties": {"kind": "segment", "id": "A", "name": "Main St", "roadClass": "arterial", "lanes": 2,
                        "freeFlowKmh": 50, "downstream": ["B"]}},
        {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[4.0146, 52.0], [4.0292, 52.0]]},
         "properties": {"kind": "segment", "id": "B", "roadClass": "motorway", "lanes": 3, "freeFlowKmh": 110,
                        "lengthM": 1000}},
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [4.0219, 52.0]},
         "properties": {"kind": "detector", "id": "D1", "segment": "B"}},
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [4.0146, 52.0]},
         "properties": {"kind": "intersection", "id": "X1", "approaches": ["A"], "lostTimeS": 12}}
      ]}""";

  private RoadNetwork parse(String json) {
    return loader.parse("test", json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsSegmentsDetectorsAndIntersections() {
    RoadNetwork network = parse(SMALL);

    Segment a = network.requireSegment("A");
    assertThat(a.name()).isEqualTo("Main St");
    assertThat(a.roadClass()).isEqualTo(RoadClass.ARTERIAL);
    // 0.0146° of longitude at 52° N is 0.0146 × 111.32 km × cos 52° ≈ 1000.6 m
    assertThat(a.lengthM()).isCloseTo(1000.6, within(2.0));
    assertThat(a.capacityVehPerHourPerLane()).isEqualTo(900);
    assertThat(network.requireSegment("B").lengthM()).isEqualTo(1000);
    assertThat(network.requireSegment("B").name()).isEqualTo("B");

    Detector d = network.detector("D1").orElseThrow();
    assertThat(d.segmentId()).isEqualTo("B");
    assertThat(d.offsetM()).isCloseTo(500, within(5.0));
    assertThat(network.intersection("X1").orElseThrow().approaches()).containsExactly("A");
  }

  @Test
  void linksGivenOnOneSideAppearOnBoth() {
    RoadNetwork network = parse(SMALL);

    assertThat(network.requireSegment("A").downstream()).containsExactly("B");
    assertThat(network.requireSegment("B").upstream()).containsExactly("A");
    assertThat(network.upstreamOf("B")).extracting(Segment::id).containsExactly("A");
  }

  @Test
  void rejectsAFileWithEveryProblemNamedByFeatureAndField() {
    String bad = SMALL
        .replace("\"lanes\": 2", "\"lanes\": -1")
        .replace("\"downstream\": [\"B\"]", "\"downstream\": [\"Z\"]")
        .replace("\"segment\": \"B\"", "\"segment\": \"Q\"");

    assertThatThrownBy(() -> parse(bad))
        .isInstanceOf(NetworkFormatException.class)
        .satisfies(e -> assertThat(((NetworkFormatException) e).problems()).containsExactlyInAnyOrder(
            "feature #0 (segment 'A'): field 'lanes' must be a positive integer, got -1",
            "feature #0 (segment 'A'): field 'downstream': no segment 'Z'",
            "feature #2 (detector 'D1'): field 'segment': no segment 'Q'"));
  }

  @Test
  void rejectsAMissingFieldAndAnUnknownKind() {
    String bad = SMALL.replace("\"freeFlowKmh\": 110,", "").replace("\"kind\": \"intersection\"", "\"kind\": \"bridge\"");

    assertThatThrownBy(() -> parse(bad))
        .hasMessageContaining("feature #1 (segment 'B'): field 'freeFlowKmh' must be a number above 0 and at most 300 (missing)")
        .hasMessageContaining("feature #3 (bridge 'X1'): field 'kind' must be one of segment, detector, intersection, got 'bridge'");
  }

  @Test
  void rejectsCoordinatesOutsideWgs84AndWrongGeometry() {
    String bad = SMALL.replace("[[4.0, 52.0], [4.0146, 52.0]]", "[[400.0, 52.0], [4.0146, 52.0]]")
        .replace("{\"type\": \"Point\", \"coordinates\": [4.0219, 52.0]}", "{\"type\": \"LineString\", \"coordinates\": []}");

    assertThatThrownBy(() -> parse(bad))
        .hasMessageContaining("feature #0 (segment 'A'): field 'geometry.coordinates[0]' is outside WGS84 range")
        .hasMessageContaining("feature #2 (detector 'D1'): field 'geometry' must be a Point");
  }

  @Test
  void rejectsDuplicateIds() {
    String bad = SMALL.replace("\"id\": \"B\"", "\"id\": \"A\"");

    assertThatThrownBy(() -> parse(bad)).hasMessageContaining("field 'id': duplicate segment id 'A'");
  }

  @Test
  void rejectsWhatIsNotGeoJson() {
    assertThatThrownBy(() -> parse("{\"type\": \"FeatureCollection\", \"features\": [")).hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> parse("{\"type\": \"Feature\"}")).hasMessageContaining("'type' must be \"FeatureCollection\"");
    assertThatThrownBy(() -> parse("{\"type\": \"FeatureCollection\", \"features\": []}"))
        .hasMessageContaining("the network has no segment");
  }

  @Test
  void aNameThatIsNeitherBundledNorAFileSaysSo() {
    assertThatThrownBy(() -> loader.load("atlantis")).hasMessageContaining("road network 'atlantis' is neither a bundled road network (metroville, us101-n-pems, ngsim-peachtree) nor a readable file");
  }
}
