package io.roadstream.ingest.replay.format;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Counts of what a reader skipped, by reason, in the order the reasons first occurred. */
final class SkipTally {

  private final Map<String, Long> counts = new LinkedHashMap<>();

  void add(String reason) {
    add(reason, 1);
  }

  void add(String reason, long count) {
    if (count > 0) {
      counts.merge(reason, count, Long::sum);
    }
  }

  Map<String, Long> snapshot() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(counts));
  }
}
