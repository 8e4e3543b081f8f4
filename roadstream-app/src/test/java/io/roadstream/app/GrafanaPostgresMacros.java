package io.roadstream.app;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Expands a Grafana PostgreSQL query the way Grafana's PostgreSQL data source does before it sends it, for a time
 * range and template variable values: the macros {@code $__time}, {@code $__timeEpoch}, {@code $__timeFilter},
 * {@code $__timeFrom}, {@code $__timeTo}, {@code $__timeGroup}, {@code $__timeGroupAlias},
 * {@code $__unixEpochFilter} (Grafana's documentation, "PostgreSQL data source – macros"), and variables
 * {@code $name}, {@code ${name}}, {@code [[name]]}, a multi-value variable as a comma-separated list of single-quoted
 * strings (Grafana's SQL formatting). Anything else beginning with {@code $__} is refused, so that a query using a
 * macro this class does not know fails the test instead of reaching PostgreSQL half expanded.
 */
final class GrafanaPostgresMacros {

  private static final Pattern MACRO = Pattern.compile("\\$__(\\w+)\\(([^()]*)\\)");
  private static final Pattern INTERVAL = Pattern.compile("'?(\\d+)(ms|s|m|h|d)'?");

  private final Instant from;
  private final Instant to;

  GrafanaPostgresMacros(Instant from, Instant to) {
    this.from = from;
    this.to = to;
  }

  String expand(String sql, Map<String, List<String>> variables) {
    String withVariables = sql;
    for (var v : variables.entrySet()) {
      String value = v.getValue().stream().map(s -> "'" + s.replace("'", "''") + "'")
          .collect(Collectors.joining(","));
      withVariables = withVariables.replace("${" + v.getKey() + "}", value)
          .replace("[[" + v.getKey() + "]]", value)
          .replaceAll("\\$" + Pattern.quote(v.getKey()) + "\\b", Matcher.quoteReplacement(value));
    }
    Matcher m = MACRO.matcher(withVariables);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(macro(m.group(1), arguments(m.group(2)))));
    }
    m.appendTail(out);
    String expanded = out.toString();
    if (expanded.contains("$")) {
      throw new IllegalArgumentException("unexpanded macro or variable left in: " + expanded);
    }
    return expanded;
  }

  private String macro(String name, List<String> args) {
    return switch (name) {
      case "time" -> one(name, args) + " AS \"time\"";
      case "timeEpoch" -> "extract(epoch from " + one(name, args) + ") AS \"time\"";
      case "timeFilter" -> one(name, args) + " BETWEEN " + quoted(from) + " AND " + quoted(to);
      case "timeFrom" -> quoted(from);
      case "timeTo" -> quoted(to);
      case "timeGroup" -> timeGroup(args);
      case "timeGroupAlias" -> timeGroup(args) + " AS \"time\"";
      case "unixEpochFilter" -> one(name, args) + " >= " + from.getEpochSecond() + " AND " + one(name, args) + " <= "
          + to.getEpochSecond();
      default -> throw new IllegalArgumentException("Grafana macro $__" + name + " is not known to this test");
    };
  }

  /** {@code floor(extract(epoch from col)/300)*300}, as Grafana writes it. */
  private static String timeGroup(List<String> args) {
    if (args.size() < 2) {
      throw new IllegalArgumentException("$__timeGroup needs a column and an interval: " + args);
    }
    long seconds = interval(args.get(1)).toSeconds();
    return "floor(extract(epoch from " + args.get(0) + ")/" + seconds + ")*" + seconds;
  }

  static Duration interval(String text) {
    Matcher m = INTERVAL.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a Grafana interval: " + text);
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }

  private static String one(String macro, List<String> args) {
    if (args.size() != 1) {
      throw new IllegalArgumentException("$__" + macro + " takes one column: " + args);
    }
    return args.get(0);
  }

  private static List<String> arguments(String text) {
    return text.isBlank() ? List.of() : List.of(text.split(",")).stream().map(String::strip).toList();
  }

  private static String quoted(Instant instant) {
    return "'" + instant + "'";
  }
}
