package io.roadstream.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The provisioned Grafana dashboard ({@code deploy/grafana/dashboards/roadstream.json}) as the tests read it: every
 * PostgreSQL query (panel targets and template variables) and every Prometheus expression, found by the data source
 * each target (or its panel) names, so that no query can hide from the tests.
 */
final class GrafanaDashboard {

  static final Path FILE = Path.of("..", "deploy", "grafana", "dashboards", "roadstream.json");
  static final String POSTGRES = "grafana-postgresql-datasource";
  static final String PROMETHEUS = "prometheus";

  /** A panel's SQL query; {@code format} is Grafana's ({@code time_series} or {@code table}). */
  record SqlQuery(String panel, String refId, String rawSql, String format) {}

  /** A panel's PromQL expression. */
  record PromQuery(String panel, String refId, String expr) {}

  /** A query-type template variable: its name and the SQL that lists its values. */
  record Variable(String name, String sql, boolean multi) {}

  private final JsonNode root;

  private GrafanaDashboard(JsonNode root) {
    this.root = root;
  }

  static GrafanaDashboard load() throws IOException {
    return new GrafanaDashboard(new ObjectMapper().readTree(Files.readAllBytes(FILE)));
  }

  JsonNode json() {
    return root;
  }

  List<SqlQuery> sqlQueries() {
    List<SqlQuery> queries = new ArrayList<>();
    for (JsonNode panel : panels()) {
      for (JsonNode target : panel.path("targets")) {
        if (POSTGRES.equals(dataSourceType(panel, target))) {
          queries.add(new SqlQuery(panel.path("title").asText(), target.path("refId").asText(),
              target.path("rawSql").asText(), target.path("format").asText("time_series")));
        }
      }
    }
    return queries;
  }

  List<PromQuery> promQueries() {
    List<PromQuery> queries = new ArrayList<>();
    for (JsonNode panel : panels()) {
      for (JsonNode target : panel.path("targets")) {
        if (PROMETHEUS.equals(dataSourceType(panel, target))) {
          queries.add(new PromQuery(panel.path("title").asText(), target.path("refId").asText(),
              target.path("expr").asText()));
        }
      }
    }
    return queries;
  }

  List<Variable> variables() {
    List<Variable> variables = new ArrayList<>();
    for (JsonNode v : root.path("templating").path("list")) {
      if (!"query".equals(v.path("type").asText())) {
        throw new IllegalStateException("template variable " + v.path("name") + " is of type " + v.path("type")
            + ", which these tests do not know how to substitute");
      }
      if (!POSTGRES.equals(v.path("datasource").path("type").asText())) {
        throw new IllegalStateException("template variable " + v.path("name") + " queries " + v.path("datasource"));
      }
      JsonNode query = v.path("query");
      variables.add(new Variable(v.path("name").asText(), query.isObject() ? query.path("rawSql").asText()
          : query.asText(), v.path("multi").asBoolean() || v.path("includeAll").asBoolean()));
    }
    return variables;
  }

  /** Every panel, those inside collapsed rows too. */
  private List<JsonNode> panels() {
    List<JsonNode> panels = new ArrayList<>();
    for (JsonNode panel : root.path("panels")) {
      panels.add(panel);
      panel.path("panels").forEach(panels::add);
    }
    return panels;
  }

  /** A target's own data source, else its panel's; a panel without one would use Grafana's default: refused. */
  private static String dataSourceType(JsonNode panel, JsonNode target) {
    String type = target.path("datasource").path("type").asText(panel.path("datasource").path("type").asText(""));
    if (type.isEmpty()) {
      throw new IllegalStateException("panel '" + panel.path("title").asText() + "' target "
          + target.path("refId").asText() + " names no data source");
    }
    return type;
  }
}
