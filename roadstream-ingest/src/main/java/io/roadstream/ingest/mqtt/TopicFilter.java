package io.roadstream.ingest.mqtt;

/**
 * MQTT topic filters (MQTT 3.1.1, 4.7): levels separated by {@code /}, {@code +} standing for one whole level and
 * {@code #} for all remaining levels, as the last level only.
 */
final class TopicFilter {

  private TopicFilter() {}

  /** What is wrong with {@code filter}, or null if the broker will take it. */
  static String problem(String filter) {
    if (filter == null || filter.isEmpty()) {
      return "must not be empty";
    }
    if (filter.contains("\u0000")) {
      return "must not hold the NUL character";
    }
    String[] levels = filter.split("/", -1);
    for (int i = 0; i < levels.length; i++) {
      String level = levels[i];
      if (level.contains("#") && (!level.equals("#") || i != levels.length - 1)) {
        return "'" + filter + "': '#' must be a whole level and the last one (sensors/#)";
      }
      if (level.contains("+") && !level.equals("+")) {
        return "'" + filter + "': '+' must be a whole level (sensors/+/reading)";
      }
    }
    return null;
  }

  /** True if topics matching {@code filter} can have a level {@code level} (counted from 1). */
  static boolean mayHaveLevel(String filter, int level) {
    String[] levels = filter.split("/", -1);
    for (int i = 0; i < levels.length && i < level; i++) {
      if (levels[i].equals("#")) {
        return true;
      }
    }
    return levels.length >= level;
  }
}
