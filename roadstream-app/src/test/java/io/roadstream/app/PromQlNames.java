package io.roadstream.app;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression selects: what is left once strings, label matchers, ranges, grouping clauses,
 * functions, keywords and numbers are taken out. Enough for the dashboard's expressions, whose syntax promtool checks.
 */
final class PromQlNames {

  private static final Set<String> KEYWORDS =
      Set.of("by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless", "offset");
  private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.:])[a-zA-Z_:][a-zA-Z0-9_:]*(?=\\s*(\\()?)");

  private PromQlNames() {}

  static Set<String> of(String expr) {
    String s = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
        .replaceAll("\\{[^}]*}", " ")
        .replaceAll("\\[[^]]*]", " ")
        .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
    Set<String> names = new TreeSet<>();
    Matcher m = IDENTIFIER.matcher(s);
    while (m.find()) {
      boolean function = m.group(1) != null;
      if (!function && !KEYWORDS.contains(m.group()) && !m.group().equals("Inf") && !m.group().equals("NaN")) {
        names.add(m.group());
      }
    }
    return names;
  }
}
