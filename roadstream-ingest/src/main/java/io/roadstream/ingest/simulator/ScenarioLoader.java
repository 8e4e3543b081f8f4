package io.roadstream.ingest.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.roadstream.core.io.NamedResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@link Scenario} from YAML:
 * <pre>
 * name: morning-peak
 * start: "06:45"            # time of day, UTC
 * duration: 2h45m           # or ISO-8601 (PT2H45M), or 90m, 30s
 * speedFactor: 10           # simulated seconds per wall-clock second; 0 = as fast as possible (default 1)
 * demand:                   # multiplier of the base demand, linearly interpolated, constant beyond the ends
 *   - {at: "06:45", multiplier: 0.4}
 * incidents:                # optional
 *   - {segmentId: M1-E-07, offsetM: 600, from: "07:10", to: "07:40", lanesBlocked: 2, stoppedVehicles: 2}
 * </pre>
 * A file with problems is rejected as a whole with a {@link ScenarioFormatException} listing each problem by field.
 * Whether incident segments exist is checked against the network by {@link TrafficSimulation}.
 */
public final class ScenarioLoader {

  /** The scenario bundled with roadstream. */
  public static final String MORNING_PEAK = "morning-peak";

  private static final Set<String> TOP_FIELDS = Set.of("name", "description", "start", "duration", "speedFactor",
      "demand", "incidents");
  private static final Set<String> DEMAND_FIELDS = Set.of("at", "multiplier");
  private static final Set<String> INCIDENT_FIELDS = Set.of("segmentId", "offsetM", "from", "to", "lanesBlocked",
      "stoppedVehicles");
  private static final Pattern SHORT_DURATION = Pattern.compile("(?:(\\d+)h)?\\s*(?:(\\d+)m)?\\s*(?:(\\d+)s)?");

  private final YAMLMapper mapper = new YAMLMapper();

  /** A bundled scenario by name ({@code morning-peak}) or a YAML file path. */
  public Scenario load(String nameOrPath) {
    NamedResource resource = NamedResource.read(nameOrPath, "scenario", "/scenarios", ".yaml", MORNING_PEAK);
    return parse(resource.source().startsWith("bundled:") ? resource.name() : resource.source(), resource.content());
  }

  public Scenario parse(String source, byte[] yaml) {
    JsonNode root;
    try {
      root = mapper.readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new ScenarioFormatException(source, List.of("not valid YAML: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (root == null || !root.isObject()) {
      throw new ScenarioFormatException(source, List.of("top level: expected a mapping with fields " + TOP_FIELDS));
    }
    return new Parse().run(source, root);
  }

  /** One parse: collects every problem before failing. */
  private static final class Parse {
    private final List<String> problems = new ArrayList<>();

    Scenario run(String source, JsonNode root) {
      unknownFields("", root, TOP_FIELDS);
      String name = root.hasNonNull("name") ? text("name", root.get("name")) : source;
      LocalTime start = time("start", root.get("start"));
      Duration duration = duration("duration", root.get("duration"));
      double speedFactor = root.has("speedFactor") ? number("speedFactor", root.get("speedFactor"), 0, 100_000) : 1;
      List<DemandPoint> demand = demand(root.get("demand"));
      List<ScenarioIncident> incidents = incidents(root.get("incidents"));
      if (start != null && demand.size() > 1) {
        for (int i = 1; i < demand.size(); i++) {
          long previous = secondsAfter(start, demand.get(i - 1).at());
          if (secondsAfter(start, demand.get(i).at()) <= previous) {
            problems.add("field 'demand[" + i + "].at': " + demand.get(i).at() + " must come after the previous point ("
                + demand.get(i - 1).at() + "), counting from the start " + start);
          }
        }
      }
      if (!problems.isEmpty()) {
        throw new ScenarioFormatException(source, problems);
      }
      return new Scenario(name, start, duration, speedFactor, demand, incidents);
    }

    private static long secondsAfter(LocalTime start, LocalTime t) {
      long s = t.toSecondOfDay() - start.toSecondOfDay();
      return s < 0 ? s + 24 * 3600 : s;
    }

    private List<DemandPoint> demand(JsonNode node) {
      List<DemandPoint> points = new ArrayList<>();
      if (node == null || node.isNull()) {
        problems.add("field 'demand' is missing (expected a list of {at: \"HH:MM\", multiplier: number})");
        return points;
      }
      if (!node.isArray() || node.isEmpty()) {
        problems.add("field 'demand' must be a non-empty list of {at: \"HH:MM\", multiplier: number}");
        return points;
      }
      for (int i = 0; i < node.size(); i++) {
        String field = "demand[" + i + "]";
        JsonNode item = node.get(i);
        if (!item.isObject()) {
          problems.add("field '" + field + "' must be a mapping {at, multiplier}" + got(item));
          continue;
        }
        unknownFields(field + ".", item, DEMAND_FIELDS);
        LocalTime at = time(field + ".at", item.get("at"));
        double multiplier = number(field + ".multiplier", item.get("multiplier"), 0, 100);
        if (at != null && !Double.isNaN(multiplier)) {
          points.add(new DemandPoint(at, multiplier));
        }
      }
      return points;
    }

    private List<ScenarioIncident> incidents(JsonNode node) {
      List<ScenarioIncident> incidents = new ArrayList<>();
      if (node == null || node.isNull()) {
        return incidents;
      }
      if (!node.isArray()) {
        problems.add("field 'incidents' must be a list" + got(node));
        return incidents;
      }
      for (int i = 0; i < node.size(); i++) {
        String field = "incidents[" + i + "]";
        JsonNode item = node.get(i);
        if (!item.isObject()) {
          problems.add("field '" + field + "' must be a mapping" + got(item));
          continue;
        }
        unknownFields(field + ".", item, INCIDENT_FIELDS);
        String segmentId = text(field + ".segmentId", item.get("segmentId"));
        double offset = number(field + ".offsetM", item.get("offsetM"), 0, 1_000_000);
        LocalTime from = time(field + ".from", item.get("from"));
        LocalTime to = time(field + ".to", item.get("to"));
        int lanes = integer(field + ".lanesBlocked", item.get("lanesBlocked"), 0, 16);
        int stopped = item.has("stoppedVehicles") ? integer(field + ".stoppedVehicles", item.get("stoppedVehicles"),
            0, 100) : 0;
        if (from != null && from.equals(to)) {
          problems.add("field '" + field + ".to': must differ from 'from' (" + from + ")");
        }
        if (segmentId != null && !Double.isNaN(offset) && from != null && to != null && lanes >= 0 && stopped >= 0) {
          incidents.add(new ScenarioIncident(segmentId, offset, from, to, lanes, stopped));
        }
      }
      return incidents;
    }

    private void unknownFields(String prefix, JsonNode node, Set<String> known) {
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String field = it.next();
        if (!known.contains(field)) {
          problems.add("field '" + prefix + field + "' is not known (known: " + String.join(", ",
              known.stream().sorted().toList()) + ")");
        }
      }
    }

    private String text(String field, JsonNode v) {
      if (v == null || v.isNull()) {
        problems.add("field '" + field + "' is missing");
        return null;
      }
      if (!v.isValueNode() || v.asText().isBlank()) {
        problems.add("field '" + field + "' must be a non-empty string" + got(v));
        return null;
      }
      return v.asText();
    }

    private LocalTime time(String field, JsonNode v) {
      if (v == null || v.isNull()) {
        problems.add("field '" + field + "' is missing (expected a time of day such as \"07:30\")");
        return null;
      }
      if (!v.isTextual()) {
        // YAML 1.1 readers may turn an unquoted 07:30 into a number (base-60), so ask for quotes
        problems.add("field '" + field + "' must be a quoted time of day such as \"07:30\"" + got(v));
        return null;
      }
      try {
        return LocalTime.parse(v.asText().trim());
      } catch (DateTimeParseException e) {
        problems.add("field '" + field + "' must be a time of day HH:MM or HH:MM:SS" + got(v));
        return null;
      }
    }

    private Duration duration(String field, JsonNode v) {
      if (v == null || v.isNull()) {
        problems.add("field '" + field + "' is missing (expected a duration such as 2h45m or PT2H45M)");
        return null;
      }
      String s = v.asText().trim().toLowerCase(Locale.ROOT);
      Duration d = null;
      if (v.isTextual() && s.startsWith("pt")) {
        try {
          d = Duration.parse(s.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
          d = null;
        }
      } else if (v.isTextual() && !s.isEmpty()) {
        Matcher m = SHORT_DURATION.matcher(s);
        if (m.matches()) {
          d = Duration.ofHours(group(m, 1)).plusMinutes(group(m, 2)).plusSeconds(group(m, 3));
        }
      }
      if (d == null || d.isNegative() || d.isZero()) {
        problems.add("field '" + field + "' must be a positive duration such as 2h45m, 90m or PT2H45M" + got(v));
        return null;
      }
      if (d.compareTo(Duration.ofDays(7)) > 0) {
        problems.add("field '" + field + "' must be at most 7 days, got " + d);
        return null;
      }
      return d;
    }

    private static long group(Matcher m, int group) {
      return m.group(group) == null ? 0 : Long.parseLong(m.group(group));
    }

    private double number(String field, JsonNode v, double min, double max) {
      if (v == null || v.isNull()) {
        problems.add("field '" + field + "' is missing (expected a number)");
        return Double.NaN;
      }
      if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
        problems.add("field '" + field + "' must be a number" + got(v));
        return Double.NaN;
      }
      if (v.asDouble() < min || v.asDouble() > max) {
        problems.add("field '" + field + "' must be between " + fmt(min) + " and " + fmt(max) + got(v));
        return Double.NaN;
      }
      return v.asDouble();
    }

    private int integer(String field, JsonNode v, int min, int max) {
      if (v == null || v.isNull()) {
        problems.add("field '" + field + "' is missing (expected an integer)");
        return -1;
      }
      if (!v.isIntegralNumber() || v.asInt() < min || v.asInt() > max) {
        problems.add("field '" + field + "' must be an integer between " + min + " and " + max + got(v));
        return -1;
      }
      return v.asInt();
    }

    private static String fmt(double v) {
      return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static String got(JsonNode v) {
      if (v == null) {
        return " (missing)";
      }
      String text = v.toString();
      return ", got " + (text.length() > 60 ? text.substring(0, 60) + "…" : text);
    }
  }
}
