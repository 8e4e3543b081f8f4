package io.roadstream.core.network;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.roadstream.core.io.NamedResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a road network from a GeoJSON FeatureCollection. Each feature's {@code properties.kind} says what it is:
 * <ul>
 *   <li>{@code segment}: LineString in the direction of travel; {@code id}, {@code name}, {@code roadClass}
 *       (motorway, expressway, arterial, collector), {@code lanes}, {@code freeFlowKmh}, optional {@code lengthM}
 *       (default: the geometry's length), optional {@code capacityVehPerHourPerLane} (default by road class),
 *       {@code downstream} and/or {@code upstream}: lists of segment ids. Links given on one side are added to the
 *       other, so a file may list either.</li>
 *   <li>{@code detector}: Point; {@code id}, {@code segment}, optional {@code offsetM} (default: the point's
 *       projection onto the segment).</li>
 *   <li>{@code intersection}: Point; {@code id}, {@code name}, {@code approaches}: segment ids, {@code lostTimeS}.</li>
 * </ul>
 * A file with problems is rejected as a whole with a {@link NetworkFormatException} that lists every problem.
 */
public final class RoadNetworkLoader {

  /** The sample network bundled with roadstream. */
  public static final String METROVILLE = "metroville";
  /** Every bundled network: the demo city, and the roads of the bundled real data (see networks/README.md). */
  public static final String BUNDLED = "metroville, us101-n-pems, ngsim-peachtree";

  private final ObjectMapper mapper = new ObjectMapper();

  /** A bundled network by name (one of {@link #BUNDLED}) or a GeoJSON file path. */
  public RoadNetwork load(String nameOrPath) {
    NamedResource resource = NamedResource.read(nameOrPath, "road network", "/networks", ".geojson", BUNDLED);
    return parse(resource.name(), resource.content());
  }

  public RoadNetwork parse(String name, byte[] geoJson) {
    JsonNode root;
    try {
      root = mapper.readTree(geoJson);
    } catch (JsonProcessingException e) {
      throw new NetworkFormatException(name, List.of("not valid JSON: " + e.getOriginalMessage()
          + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Parse(name).run(root);
  }

  /** One parse: collects every problem before failing. */
  private static final class Parse {
    private final String source;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, SegmentDraft> segments = new LinkedHashMap<>();
    private final List<JsonNode> detectorFeatures = new ArrayList<>();
    private final List<Integer> detectorIndexes = new ArrayList<>();
    private final List<JsonNode> intersectionFeatures = new ArrayList<>();
    private final List<Integer> intersectionIndexes = new ArrayList<>();

    Parse(String source) {
      this.source = source;
    }

    RoadNetwork run(JsonNode root) {
      if (!"FeatureCollection".equals(root.path("type").asText())) {
        throw new NetworkFormatException(source, List.of("top level: field 'type' must be \"FeatureCollection\""));
      }
      JsonNode features = root.path("features");
      if (!features.isArray()) {
        throw new NetworkFormatException(source, List.of("top level: field 'features' must be an array"));
      }
      for (int i = 0; i < features.size(); i++) {
        JsonNode feature = features.get(i);
        String kind = feature.path("properties").path("kind").asText("");
        switch (kind) {
          case "segment" -> readSegment(i, feature);
          case "detector" -> { detectorFeatures.add(feature); detectorIndexes.add(i); }
          case "intersection" -> { intersectionFeatures.add(feature); intersectionIndexes.add(i); }
          default -> problems.add(where(i, feature) + ": field 'kind' must be one of segment, detector, intersection"
              + (kind.isEmpty() ? " (missing)" : ", got '" + kind + "'"));
        }
      }
      linkSegments();
      List<Detector> detectors = readDetectors();
      List<Intersection> intersections = readIntersections();
      if (segments.isEmpty() && problems.isEmpty()) {
        problems.add("top level: the network has no segment");
      }
      if (!problems.isEmpty()) {
        throw new NetworkFormatException(source, problems);
      }
      List<Segment> built = segments.values().stream().map(SegmentDraft::build).toList();
      return new RoadNetwork(source, built, detectors, intersections);
    }

    private void readSegment(int index, JsonNode feature) {
      JsonNode p = feature.path("properties");
      String at = where(index, feature);
      String id = requireText(at, p, "id");
      List<LonLat> line = lineString(at, feature.path("geometry"));
      RoadClass roadClass = roadClass(at, p);
      int lanes = positiveInt(at, p, "lanes");
      double freeFlow = positiveNumber(at, p, "freeFlowKmh", 300);
      double length = p.has("lengthM") ? positiveNumber(at, p, "lengthM", 1_000_000)
          : (line == null ? Double.NaN : Geometry.length(line));
      double capacity = p.has("capacityVehPerHourPerLane") ? positiveNumber(at, p, "capacityVehPerHourPerLane", 4000)
          : defaultCapacity(roadClass);
      if (id == null) {
        return;
      }
      if (segments.containsKey(id)) {
        problems.add(at + ": field 'id': duplicate segment id '" + id + "'");
        return;
      }
      SegmentDraft draft = new SegmentDraft(id, p.path("name").asText(id), roadClass, lanes, length, freeFlow, capacity,
          line, at);
      draft.upstream.addAll(idList(at, p, "upstream"));
      draft.downstream.addAll(idList(at, p, "downstream"));
      segments.put(id, draft);
    }

    /** Makes links symmetric and checks they name existing segments. */
    private void linkSegments() {
      for (SegmentDraft s : segments.values()) {
        for (String down : List.copyOf(s.downstream)) {
          SegmentDraft target = segments.get(down);
          if (target == null) {
            problems.add(s.at + ": field 'downstream': no segment '" + down + "'");
          } else {
            target.upstream.add(s.id);
          }
        }
        for (String up : List.copyOf(s.upstream)) {
          SegmentDraft target = segments.get(up);
          if (target == null) {
            problems.add(s.at + ": field 'upstream': no segment '" + up + "'");
          } else {
            target.downstream.add(s.id);
          }
        }
        if (s.downstream.contains(s.id)) {
          problems.add(s.at + ": field 'downstream': a segment cannot flow into itself");
        }
      }
    }

    private List<Detector> readDetectors() {
      List<Detector> result = new ArrayList<>();
      Set<String> ids = new HashSet<>();
      for (int k = 0; k < detectorFeatures.size(); k++) {
        JsonNode feature = detectorFeatures.get(k);
        String at = where(detectorIndexes.get(k), feature);
        JsonNode p = feature.path("properties");
        String id = requireText(at, p, "id");
        String segmentId = requireText(at, p, "segment");
        LonLat point = point(at, feature.path("geometry"));
        SegmentDraft segment = segmentId == null ? null : segments.get(segmentId);
        if (segmentId != null && segment == null) {
          problems.add(at + ": field 'segment': no segment '" + segmentId + "'");
        }
        Double offset = null;
        if (p.has("offsetM")) {
          offset = nonNegativeNumber(at, p, "offsetM");
          if (offset != null && segment != null && offset > segment.lengthM) {
            problems.add(at + ": field 'offsetM': " + offset + " is beyond the end of segment '" + segmentId
                + "' (" + Math.round(segment.lengthM) + " m)");
          }
        } else if (segment != null && segment.line != null && point != null) {
          offset = project(segment.line, point) * segment.lengthM / Geometry.length(segment.line);
        }
        if (id != null && !ids.add(id)) {
          problems.add(at + ": field 'id': duplicate detector id '" + id + "'");
        }
        if (id != null && segment != null && point != null && offset != null) {
          result.add(new Detector(id, segmentId, offset, point));
        }
      }
      return result;
    }

    private List<Intersection> readIntersections() {
      List<Intersection> result = new ArrayList<>();
      Set<String> ids = new HashSet<>();
      for (int k = 0; k < intersectionFeatures.size(); k++) {
        JsonNode feature = intersectionFeatures.get(k);
        String at = where(intersectionIndexes.get(k), feature);
        JsonNode p = feature.path("properties");
        String id = requireText(at, p, "id");
        LonLat point = point(at, feature.path("geometry"));
        List<String> approaches = idList(at, p, "approaches");
        if (approaches.isEmpty()) {
          problems.add(at + ": field 'approaches': an intersection needs at least one approach segment");
        }
        for (String approach : approaches) {
          if (!segments.containsKey(approach)) {
            problems.add(at + ": field 'approaches': no segment '" + approach + "'");
          }
        }
        Double lostTime = nonNegativeNumber(at, p, "lostTimeS");
        if (id != null && !ids.add(id)) {
          problems.add(at + ": field 'id': duplicate intersection id '" + id + "'");
        }
        if (id != null && point != null && lostTime != null) {
          result.add(new Intersection(id, p.path("name").asText(id), point, approaches, lostTime));
        }
      }
      return result;
    }

    private static double defaultCapacity(RoadClass roadClass) {
      if (roadClass == null) {
        return Double.NaN;
      }
      // HCM-style base capacities; signalised streets carry about half the saturation flow of 1800 veh/h/lane.
      return switch (roadClass) {
        case MOTORWAY -> 2200;
        case EXPRESSWAY -> 2000;
        case ARTERIAL -> 900;
        case COLLECTOR -> 700;
      };
    }

    private String where(int index, JsonNode feature) {
      String id = feature.path("properties").path("id").asText("");
      String kind = feature.path("properties").path("kind").asText("feature");
      return "feature #" + index + (id.isEmpty() ? "" : " (" + kind + " '" + id + "')");
    }

    private String requireText(String at, JsonNode p, String field) {
      JsonNode v = p.get(field);
      if (v == null || !v.isTextual() || v.asText().isBlank()) {
        problems.add(at + ": field '" + field + "' must be a non-empty string" + got(v));
        return null;
      }
      return v.asText();
    }

    private RoadClass roadClass(String at, JsonNode p) {
      JsonNode v = p.get("roadClass");
      if (v != null && v.isTextual()) {
        try {
          return RoadClass.valueOf(v.asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException ignored) {
          // reported below
        }
      }
      problems.add(at + ": field 'roadClass' must be one of motorway, expressway, arterial, collector" + got(v));
      return null;
    }

    private int positiveInt(String at, JsonNode p, String field) {
      JsonNode v = p.get(field);
      if (v == null || !v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 1) {
        problems.add(at + ": field '" + field + "' must be a positive integer" + got(v));
        return 0;
      }
      return v.asInt();
    }

    private double positiveNumber(String at, JsonNode p, String field, double max) {
      JsonNode v = p.get(field);
      if (v == null || !v.isNumber() || !(v.asDouble() > 0) || v.asDouble() > max) {
        problems.add(at + ": field '" + field + "' must be a number above 0 and at most " + fmt(max) + got(v));
        return Double.NaN;
      }
      return v.asDouble();
    }

    private Double nonNegativeNumber(String at, JsonNode p, String field) {
      JsonNode v = p.get(field);
      if (v == null || !v.isNumber() || !(v.asDouble() >= 0) || Double.isInfinite(v.asDouble())) {
        problems.add(at + ": field '" + field + "' must be a number of at least 0" + got(v));
        return null;
      }
      return v.asDouble();
    }

    private List<String> idList(String at, JsonNode p, String field) {
      JsonNode v = p.get(field);
      if (v == null || v.isNull()) {
        return List.of();
      }
      List<String> ids = new ArrayList<>();
      if (!v.isArray()) {
        problems.add(at + ": field '" + field + "' must be an array of segment ids" + got(v));
        return ids;
      }
      for (JsonNode item : v) {
        if (item.isTextual() && !item.asText().isBlank()) {
          ids.add(item.asText());
        } else {
          problems.add(at + ": field '" + field + "' must hold only segment ids (strings)" + got(item));
        }
      }
      return ids;
    }

    private List<LonLat> lineString(String at, JsonNode geometry) {
      if (!"LineString".equals(geometry.path("type").asText())) {
        problems.add(at + ": field 'geometry' must be a LineString");
        return null;
      }
      JsonNode coordinates = geometry.path("coordinates");
      if (!coordinates.isArray() || coordinates.size() < 2) {
        problems.add(at + ": field 'geometry.coordinates' must hold at least 2 positions");
        return null;
      }
      List<LonLat> line = new ArrayList<>();
      for (int i = 0; i < coordinates.size(); i++) {
        LonLat position = position(at, "geometry.coordinates[" + i + "]", coordinates.get(i));
        if (position == null) {
          return null;
        }
        line.add(position);
      }
      if (Geometry.length(line) <= 0) {
        problems.add(at + ": field 'geometry.coordinates' has zero length");
        return null;
      }
      return line;
    }

    private LonLat point(String at, JsonNode geometry) {
      if (!"Point".equals(geometry.path("type").asText())) {
        problems.add(at + ": field 'geometry' must be a Point");
        return null;
      }
      return position(at, "geometry.coordinates", geometry.path("coordinates"));
    }

    private LonLat position(String at, String field, JsonNode c) {
      if (!c.isArray() || c.size() < 2 || !c.get(0).isNumber() || !c.get(1).isNumber()) {
        problems.add(at + ": field '" + field + "' must be [longitude, latitude]" + got(c));
        return null;
      }
      double lon = c.get(0).asDouble();
      double lat = c.get(1).asDouble();
      if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
        problems.add(at + ": field '" + field + "' is outside WGS84 range (longitude -180..180, latitude -90..90): ["
            + lon + ", " + lat + "]");
        return null;
      }
      return new LonLat(lon, lat);
    }

    /** Distance along {@code line} of the point on it nearest to {@code p} (planar approximation, local scale). */
    private static double project(List<LonLat> line, LonLat p) {
      double best = Double.MAX_VALUE;
      double bestAlong = 0;
      double along = 0;
      double cosLat = Math.cos(Math.toRadians(p.lat()));
      for (int i = 1; i < line.size(); i++) {
        LonLat a = line.get(i - 1);
        LonLat b = line.get(i);
        double ax = a.lon() * cosLat;
        double bx = b.lon() * cosLat;
        double px = p.lon() * cosLat;
        double dx = bx - ax;
        double dy = b.lat() - a.lat();
        double len2 = dx * dx + dy * dy;
        double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (p.lat() - a.lat()) * dy) / len2));
        LonLat q = a.towards(b, t);
        double d = q.distanceTo(p);
        double piece = a.distanceTo(b);
        if (d < best) {
          best = d;
          bestAlong = along + t * piece;
        }
        along += piece;
      }
      return bestAlong;
    }

    private static String got(JsonNode v) {
      if (v == null || v.isMissingNode()) {
        return " (missing)";
      }
      String text = v.toString();
      return ", got " + (text.length() > 60 ? text.substring(0, 60) + "…" : text);
    }

    private static String fmt(double v) {
      return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
  }

  private static final class SegmentDraft {
    final String id;
    final String name;
    final RoadClass roadClass;
    final int lanes;
    final double lengthM;
    final double freeFlowKmh;
    final double capacity;
    final List<LonLat> line;
    final String at;
    final Set<String> upstream = new LinkedHashSet<>();
    final Set<String> downstream = new LinkedHashSet<>();

    SegmentDraft(String id, String name, RoadClass roadClass, int lanes, double lengthM, double freeFlowKmh,
        double capacity, List<LonLat> line, String at) {
      this.id = id;
      this.name = name;
      this.roadClass = roadClass;
      this.lanes = lanes;
      this.lengthM = lengthM;
      this.freeFlowKmh = freeFlowKmh;
      this.capacity = capacity;
      this.line = line;
      this.at = at;
    }

    Segment build() {
      return new Segment(id, name, roadClass, lanes, lengthM, freeFlowKmh, capacity, line,
          List.copyOf(upstream), List.copyOf(downstream));
    }
  }

}
