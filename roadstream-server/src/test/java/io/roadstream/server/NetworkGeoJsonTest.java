package io.roadstream.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.network.RoadNetworkLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkGeoJsonTest {

  private final ObjectMapper mapper = new ObjectMapper();
  private final RoadNetwork network = TestTown.network();
  private final JsonNode collection = new NetworkGeoJson(mapper).featureCollection(network);

  @Test
  void isAFeatureCollectionWithOneFeaturePerSegmentDetectorAndIntersection() {
    assertThat(collection.path("type").asText()).isEqualTo("FeatureCollection");
    assertThat(collection.path("name").asText()).isEqualTo("test-town");
    assertThat(collection.path("features")).hasSize(5 + 2 + 1);
    assertThat(kinds()).containsExactly("segment", "segment", "segment", "segment", "segment",
        "detector", "detector", "intersection");
  }

  @Test
  void describesASegmentAsALineStringInTheDirectionOfTravel() {
    JsonNode segment = feature("main-eb-1");
    assertThat(segment.path("type").asText()).isEqualTo("Feature");
    assertThat(segment.path("geometry").path("type").asText()).isEqualTo("LineString");
    assertThat(segment.path("geometry").path("coordinates").toString())
        .isEqualTo("[[13.4,52.5],[13.41,52.501],[13.42,52.502]]");
    JsonNode p = segment.path("properties");
    assertThat(p.path("kind").asText()).isEqualTo("segment");
    assertThat(p.path("name").asText()).isEqualTo("Main Street eastbound");
    assertThat(p.path("roadClass").asText()).isEqualTo("arterial");
    assertThat(p.path("lanes").asInt()).isEqualTo(2);
    assertThat(p.path("lengthM").asDouble()).isEqualTo(network.requireSegment("main-eb-1").lengthM());
    assertThat(p.path("freeFlowKmh").asDouble()).isEqualTo(50.0);
    assertThat(p.path("downstream").toString()).isEqualTo("[\"main-eb-2\"]");
    assertThat(feature("main-eb-2").path("properties").path("upstream").toString())
        .isEqualTo("[\"main-eb-1\",\"ring-sb\"]");
    assertThat(feature("ring-sb").path("properties").path("roadClass").asText()).isEqualTo("motorway");
    assertThat(feature("ring-sb").path("properties").path("lengthM").asDouble()).isEqualTo(2100.0);
  }

  @Test
  void describesDetectorsAndIntersectionsAsPoints() {
    JsonNode detector = feature("D-201");
    assertThat(detector.path("geometry").toString()).isEqualTo("{\"type\":\"Point\",\"coordinates\":[13.417,52.511]}");
    assertThat(detector.path("properties").path("segment").asText()).isEqualTo("ring-sb");
    assertThat(detector.path("properties").path("offsetM").asDouble()).isEqualTo(1000.0);

    JsonNode intersection = feature("X-main-ring");
    assertThat(intersection.path("geometry").path("type").asText()).isEqualTo("Point");
    assertThat(intersection.path("properties").path("name").asText()).isEqualTo("Main St / Ring");
    assertThat(intersection.path("properties").path("approaches")).hasSize(3);
    assertThat(intersection.path("properties").path("lostTimeS").asDouble()).isEqualTo(12.0);
  }

  @Test
  void loadsBackIntoTheSameNetwork() throws Exception {
    RoadNetwork reloaded = new RoadNetworkLoader().parse("test-town", mapper.writeValueAsBytes(collection));
    assertThat(reloaded.segments()).containsExactlyElementsOf(network.segments());
    assertThat(reloaded.detectors()).containsExactlyElementsOf(network.detectors());
    assertThat(reloaded.intersections()).containsExactlyElementsOf(network.intersections());
  }

  private List<String> kinds() {
    List<String> kinds = new ArrayList<>();
    collection.path("features").forEach(f -> kinds.add(f.path("properties").path("kind").asText()));
    return kinds;
  }

  private JsonNode feature(String id) {
    for (JsonNode f : collection.path("features")) {
      if (f.path("properties").path("id").asText().equals(id)) {
        return f;
      }
    }
    throw new AssertionError("no feature " + id);
  }
}
