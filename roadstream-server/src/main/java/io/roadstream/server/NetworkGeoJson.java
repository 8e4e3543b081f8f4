package io.roadstream.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.roadstream.core.network.Detector;
import io.roadstream.core.network.Intersection;
import io.roadstream.core.network.LonLat;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.network.Segment;
import java.util.List;
import java.util.Locale;

/**
 * A road network as a GeoJSON FeatureCollection in the format {@code RoadNetworkLoader} reads (so the output loads
 * back into the same network): segments as LineStrings in the direction of travel, detectors and intersections as
 * Points, each feature with a {@code kind} property. The collection carries the network's {@code name} as a foreign
 * member.
 */
public final class NetworkGeoJson {

  private final ObjectMapper mapper;

  public NetworkGeoJson(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public ObjectNode featureCollection(RoadNetwork network) {
    ObjectNode root = mapper.createObjectNode();
    root.put("type", "FeatureCollection");
    root.put("name", network.name());
    ArrayNode features = root.putArray("features");
    network.segments().forEach(s -> features.add(segment(s)));
    network.detectors().forEach(d -> features.add(detector(d)));
    network.intersections().forEach(i -> features.add(intersection(i)));
    return root;
  }

  private ObjectNode segment(Segment s) {
    ObjectNode feature = feature("segment", s.id());
    ObjectNode geometry = feature.putObject("geometry");
    geometry.put("type", "LineString");
    ArrayNode coordinates = geometry.putArray("coordinates");
    s.geometry().forEach(p -> coordinates.add(position(p)));
    ObjectNode p = (ObjectNode) feature.get("properties");
    p.put("name", s.name());
    p.put("roadClass", s.roadClass().name().toLowerCase(Locale.ROOT));
    p.put("lanes", s.lanes());
    p.put("lengthM", s.lengthM());
    p.put("freeFlowKmh", s.freeFlowKmh());
    p.put("capacityVehPerHourPerLane", s.capacityVehPerHourPerLane());
    ids(p.putArray("upstream"), s.upstream());
    ids(p.putArray("downstream"), s.downstream());
    return feature;
  }

  private ObjectNode detector(Detector d) {
    ObjectNode feature = feature("detector", d.id());
    point(feature, d.position());
    ObjectNode p = (ObjectNode) feature.get("properties");
    p.put("segment", d.segmentId());
    p.put("offsetM", d.offsetM());
    return feature;
  }

  private ObjectNode intersection(Intersection i) {
    ObjectNode feature = feature("intersection", i.id());
    point(feature, i.position());
    ObjectNode p = (ObjectNode) feature.get("properties");
    p.put("name", i.name());
    ids(p.putArray("approaches"), i.approaches());
    p.put("lostTimeS", i.lostTimeS());
    return feature;
  }

  private ObjectNode feature(String kind, String id) {
    ObjectNode feature = mapper.createObjectNode();
    feature.put("type", "Feature");
    feature.put("id", id);
    ObjectNode properties = mapper.createObjectNode();
    properties.put("kind", kind);
    properties.put("id", id);
    // geometry before properties reads better, but both must exist; fill geometry in later
    feature.set("geometry", null);
    feature.set("properties", properties);
    return feature;
  }

  private void point(ObjectNode feature, LonLat position) {
    ObjectNode geometry = feature.putObject("geometry");
    geometry.put("type", "Point");
    geometry.set("coordinates", position(position));
  }

  private ArrayNode position(LonLat p) {
    return mapper.createArrayNode().add(p.lon()).add(p.lat());
  }

  private static void ids(ArrayNode array, List<String> ids) {
    ids.forEach(array::add);
  }
}
