package io.roadstream.app;

import io.roadstream.core.event.DeadLetterReason;
import io.roadstream.core.network.Detector;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.network.Segment;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Records that must not be used, of every kind issue #5 names, for the readings, positions and reports topics. Each
 * starts from a valid record of its topic (fields as raw JSON text, so that {@code NaN} can be written) and breaks
 * it in one way, and says which {@link DeadLetterReason} that must earn: the expectation comes from how the record
 * was broken, not from the code under test. Reproducible: everything random comes from the {@link Random} given.
 */
final class BadRecords {

  /** How a record is broken. */
  enum Kind {
    RANDOM_BYTES, TRUNCATED_JSON, TRAILING_GARBAGE, NOT_AN_OBJECT, EMPTY, MISSING_FIELD, WRONG_TYPE, NAN,
    OUT_OF_RANGE, TIME_1970, TIME_2100, LONG_STRING, UNKNOWN_REFERENCE
  }

  /** Which topic a bad record is for. */
  enum Target { READINGS, POSITIONS, REPORTS }

  /** A bad record: its value ({@code null} is a tombstone), how it was broken, and the reason code it must earn. */
  record Bad(Target target, Kind kind, byte[] value, DeadLetterReason expected) {}

  /** A little over 10 MB, Kafka's default limit ten times over. */
  static final int HUGE_CHARS = 10 * 1024 * 1024 + 7;

  private static final String[] WRONG_FOR_TEXT = {"42", "true", "[\"a\"]", "{\"id\":\"a\"}", "-0.5"};
  private static final String[] WRONG_FOR_NUMBER = {"\"80\"", "true", "[80]", "{\"v\":80}", "\"\""};
  private static final String[] WRONG_FOR_INTEGER = {"\"12\"", "12.5", "false", "[12]", "{}"};

  private final Random random;
  private final List<String> detectorIds = new ArrayList<>();
  private final List<Segment> segments;

  BadRecords(RoadNetwork network, Random random) {
    this.random = random;
    for (Detector d : network.detectors()) {
      detectorIds.add(d.id());
    }
    this.segments = List.copyOf(network.segments());
  }

  /** A bad record of a random kind for a random topic, dated near {@code time} where the kind keeps a time. */
  Bad next(long time) {
    Target target = Target.values()[random.nextInt(Target.values().length)];
    Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
    return make(target, kind, time);
  }

  /** One of the 10 MB records: a 10 MB id, a 10 MB unterminated string, or 10 MB of random bytes. */
  Bad huge(Target target, long time) {
    Map<String, String> fields = valid(target, time);
    return switch (random.nextInt(3)) {
      case 0 -> {
        fields.put(idField(target), quoted("h".repeat(HUGE_CHARS)));
        yield new Bad(target, Kind.LONG_STRING, json(fields), DeadLetterReason.INVALID);
      }
      case 1 -> new Bad(target, Kind.TRUNCATED_JSON, utf8("{\"" + idField(target) + "\":\"" + "t".repeat(HUGE_CHARS)),
          DeadLetterReason.MALFORMED);
      default -> {
        byte[] bytes = new byte[HUGE_CHARS];
        random.nextBytes(bytes);
        bytes[0] = '{'; // looks like JSON for one byte
        yield new Bad(target, Kind.RANDOM_BYTES, bytes, DeadLetterReason.MALFORMED);
      }
    };
  }

  /** A bad record of {@code kind} for {@code target}'s topic, dated near {@code time} where the kind keeps a time. */
  Bad make(Target target, Kind kind, long time) {
    Map<String, String> f = valid(target, time);
    DeadLetterReason invalid = DeadLetterReason.INVALID;
    DeadLetterReason malformed = DeadLetterReason.MALFORMED;
    return switch (kind) {
      case RANDOM_BYTES -> {
        byte[] bytes = new byte[1 + random.nextInt(300)];
        random.nextBytes(bytes);
        yield new Bad(target, kind, bytes, malformed);
      }
      case TRUNCATED_JSON -> {
        byte[] whole = json(f);
        // every proper prefix of an object misses at least its closing brace; length 0 is an empty record
        byte[] cut = new byte[random.nextInt(whole.length)];
        System.arraycopy(whole, 0, cut, 0, cut.length);
        yield new Bad(target, kind, cut, malformed);
      }
      case TRAILING_GARBAGE -> new Bad(target, kind,
          utf8(new String(json(f), StandardCharsets.UTF_8) + pick(" x", " {}", ",", "\u0000", " " + asText(f))),
          malformed);
      case NOT_AN_OBJECT -> new Bad(target, kind, utf8(pick("[1,2]", "42", "\"reading\"", "null", "true", "   ",
          "[".repeat(5000) + "]".repeat(5000))), malformed);
      case EMPTY -> new Bad(target, kind, random.nextBoolean() ? null : new byte[0], malformed);
      case MISSING_FIELD -> {
        f.remove(pick(required(target)));
        yield new Bad(target, kind, json(f), invalid);
      }
      case WRONG_TYPE -> wrongType(target, f);
      case NAN -> nan(target, f);
      case OUT_OF_RANGE -> outOfRange(target, f);
      case TIME_1970 -> {
        long millis = (long) (random.nextDouble() * 365 * 86_400_000L) - (random.nextBoolean() ? 0 : 400 * 86_400_000L);
        f.put("time", random.nextBoolean() ? String.valueOf(millis) : quoted(Instant.ofEpochMilli(millis).toString()));
        yield new Bad(target, kind, json(f), invalid);
      }
      case TIME_2100 -> {
        long millis = Instant.parse("2100-01-01T00:00:00Z").toEpochMilli() + (long) (random.nextDouble() * 86_400_000L * 365);
        f.put("time", switch (random.nextInt(4)) {
          case 0 -> String.valueOf(millis);
          case 1 -> quoted(Instant.ofEpochMilli(millis).toString());
          case 2 -> quoted("+1000000000-01-01T00:00:00Z"); // beyond what epoch milliseconds can hold
          default -> String.valueOf(Long.MAX_VALUE);
        });
        yield new Bad(target, kind, json(f), invalid);
      }
      case LONG_STRING -> {
        String field = target == Target.REPORTS && random.nextBoolean() ? "description" : pick(textFields(target));
        int limit = field.equals("description") ? 2000 : 128;
        f.put(field, quoted(pick("x", "é", "\uD83D\uDE97").repeat(limit + 1 + random.nextInt(20_000))));
        yield new Bad(target, kind, json(f), invalid);
      }
      case UNKNOWN_REFERENCE -> unknownReference(target, f);
    };
  }

  private Bad wrongType(Target target, Map<String, String> f) {
    String field = pick(required(target));
    String value;
    if (textFields(target).contains(field)) {
      value = pick(WRONG_FOR_TEXT);
    } else if (field.equals("time") || field.equals("intervalS") || field.equals("vehicleCount")) {
      value = pick(WRONG_FOR_INTEGER);
    } else {
      value = pick(WRONG_FOR_NUMBER);
    }
    f.put(field, value);
    return new Bad(target, Kind.WRONG_TYPE, json(f), DeadLetterReason.INVALID);
  }

  private Bad nan(Target target, Map<String, String> f) {
    String field = switch (target) {
      case READINGS -> pick("avgSpeedKmh", "occupancy");
      case POSITIONS -> pick("speedKmh", "offsetM");
      case REPORTS -> pick("offsetM", "headingDeg");
    };
    // bare NaN and Infinity are not JSON at all; as text they are the wrong type; 1e400 parses as infinity
    if (random.nextBoolean()) {
      f.put(field, pick("NaN", "Infinity", "-Infinity"));
      return new Bad(target, Kind.NAN, json(f), DeadLetterReason.MALFORMED);
    }
    f.put(field, pick("\"NaN\"", "1e400", "-1e400"));
    return new Bad(target, Kind.NAN, json(f), DeadLetterReason.INVALID);
  }

  private Bad outOfRange(Target target, Map<String, String> f) {
    switch (target) {
      case READINGS -> {
        switch (random.nextInt(4)) {
          case 0 -> f.put("avgSpeedKmh", pick("-1", "-0.001", "1000", "300.5"));
          case 1 -> f.put("occupancy", pick("-0.1", "1.01"));
          case 2 -> f.put("vehicleCount", pick("-3", "100000"));
          default -> f.put("intervalS", pick("0", "-30", "86400"));
        }
      }
      case POSITIONS -> {
        switch (random.nextInt(3)) {
          case 0 -> f.put("speedKmh", pick("-1", "-120", "1000", "300.5"));
          case 1 -> {
            f.put("lat", pick("90.5", "-91"));
            f.put("lon", "0");
          }
          default -> f.put("headingDeg", pick("-1", "360.5"));
        }
      }
      case REPORTS -> {
        switch (random.nextInt(4)) {
          case 0 -> f.put("lanesBlocked", pick("-1", "17"));
          case 1 -> f.put("kind", quoted(pick("alien landing", "ACCIDENT")));
          case 2 -> f.put("status", quoted(pick("open", "MAYBE")));
          default -> f.put("offsetM", "999999"); // beyond the end of every segment
        }
      }
    }
    return new Bad(target, Kind.OUT_OF_RANGE, json(f), DeadLetterReason.INVALID);
  }

  private Bad unknownReference(Target target, Map<String, String> f) {
    if (target == Target.READINGS) {
      f.put("sensorId", quoted("D-NOWHERE-" + random.nextInt(1000)));
    } else if (random.nextBoolean()) {
      f.put("segmentId", quoted("NOWHERE-" + random.nextInt(1000)));
    } else {
      // on the equator, thousands of kilometres from the network
      f.remove("segmentId");
      f.remove("offsetM");
      f.put("lat", String.valueOf(random.nextDouble()));
      f.put("lon", String.valueOf(random.nextDouble()));
    }
    return new Bad(target, Kind.UNKNOWN_REFERENCE, json(f), DeadLetterReason.UNKNOWN_REFERENCE);
  }

  /** A valid record of {@code target}'s topic at {@code time}, as field name to raw JSON text. */
  private Map<String, String> valid(Target target, long time) {
    Map<String, String> f = new LinkedHashMap<>();
    Segment segment = segments.get(random.nextInt(segments.size()));
    switch (target) {
      case READINGS -> {
        f.put("sensorId", quoted(detectorIds.get(random.nextInt(detectorIds.size()))));
        f.put("time", String.valueOf(time));
        f.put("intervalS", "30");
        f.put("vehicleCount", "5");
        f.put("avgSpeedKmh", "80.5");
        f.put("occupancy", "0.1");
      }
      case POSITIONS -> {
        f.put("vehicleId", quoted("fuzz-v" + random.nextInt(100)));
        f.put("time", String.valueOf(time));
        f.put("segmentId", quoted(segment.id()));
        f.put("offsetM", "10");
        f.put("speedKmh", "60");
      }
      case REPORTS -> {
        f.put("reportId", quoted("fuzz-r" + random.nextInt(100)));
        f.put("source", quoted("fuzz"));
        f.put("time", String.valueOf(time));
        f.put("kind", quoted("debris"));
        f.put("status", quoted("OPEN"));
        f.put("segmentId", quoted(segment.id()));
        f.put("offsetM", "10");
      }
    }
    return f;
  }

  private static List<String> required(Target target) {
    return switch (target) {
      case READINGS -> List.of("sensorId", "time", "intervalS", "vehicleCount");
      // without its segmentId a position (or report) has no place at all
      case POSITIONS -> List.of("vehicleId", "time", "segmentId", "speedKmh");
      case REPORTS -> List.of("reportId", "source", "time", "kind", "status", "segmentId");
    };
  }

  private static List<String> textFields(Target target) {
    return switch (target) {
      case READINGS -> List.of("sensorId");
      case POSITIONS -> List.of("vehicleId", "segmentId");
      case REPORTS -> List.of("reportId", "source", "kind", "status", "segmentId");
    };
  }

  private static String idField(Target target) {
    return switch (target) {
      case READINGS -> "sensorId";
      case POSITIONS -> "vehicleId";
      case REPORTS -> "description";
    };
  }

  @SafeVarargs
  private <T> T pick(T... options) {
    return options[random.nextInt(options.length)];
  }

  private <T> T pick(List<T> options) {
    return options.get(random.nextInt(options.size()));
  }

  private static String asText(Map<String, String> f) {
    return new String(json(f), StandardCharsets.UTF_8);
  }

  private static byte[] json(Map<String, String> fields) {
    StringBuilder s = new StringBuilder("{");
    fields.forEach((name, raw) -> s.append(s.length() > 1 ? "," : "").append('"').append(name).append("\":")
        .append(raw));
    return utf8(s.append('}').toString());
  }

  private static String quoted(String text) {
    return '"' + text + '"';
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
