package io.roadstream.ingest.replay;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A replay as one of {@code ingest.sources} (type {@code replay}): what {@code roadstream replay} takes as arguments.
 *
 * @param speed  max, realtime or a factor; default max
 * @param from   ISO-8601 instant, optional
 * @param to     ISO-8601 instant, optional
 */
public record ReplaySettings(String type, String name, String format, List<String> files, String speed, String from,
    String to, String zone, List<String> laneTypes, Boolean metric, Double reportEverySeconds, String kind,
    Double periodSeconds) {

  /** Problems with the values, each naming its key under {@code key}. */
  public List<String> problems(String key) {
    List<String> problems = new ArrayList<>();
    if (format == null || !ReplayFormat.names().contains(format)) {
      problems.add(key + ".format: must be one of " + String.join(", ", ReplayFormat.names()));
    }
    if (files == null || files.isEmpty()) {
      problems.add(key + ".files: must list at least one file");
    } else {
      for (String file : files) {
        boolean s3 = "archive".equals(format) && file != null && file.startsWith("s3://");
        if (file == null || !s3 && !Files.isReadable(Path.of(file))) {
          problems.add(key + ".files: cannot read '" + file + "'");
        }
      }
    }
    check(problems, key + ".speed", () -> pacing());
    check(problems, key + ".from/to", () -> filter());
    check(problems, key + ".zone", () -> options());
    return problems;
  }

  private static void check(List<String> problems, String key, Runnable parse) {
    try {
      parse.run();
    } catch (RuntimeException e) {
      problems.add(key + ": " + e.getMessage());
    }
  }

  public ReplayPacing pacing() {
    return speed == null ? ReplayPacing.AS_FAST_AS_POSSIBLE : ReplayPacing.parse(speed);
  }

  public TimeFilter filter() {
    return new TimeFilter(from == null ? null : Instant.parse(from), to == null ? null : Instant.parse(to));
  }

  public ReplayOptions options() {
    ReplayOptions d = ReplayOptions.DEFAULTS;
    Set<String> lanes = laneTypes == null ? d.laneTypes() : new LinkedHashSet<>(laneTypes);
    return new ReplayOptions(zone == null ? d.zone() : ZoneId.of(zone), lanes, metric != null && metric,
        reportEverySeconds == null ? d.reportEvery() : Duration.ofMillis((long) (reportEverySeconds * 1000)),
        kind, periodSeconds == null ? d.period() : Duration.ofMillis((long) (periodSeconds * 1000)), d.archive(),
        filter());
  }
}
