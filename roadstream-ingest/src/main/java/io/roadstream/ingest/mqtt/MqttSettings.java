package io.roadstream.ingest.mqtt;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.roadstream.core.config.ConfigException;
import io.roadstream.ingest.connect.EventKind;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One MQTT source: one {@code ingest.sources[i]} mapping with {@code type: mqtt}. Every key but {@code name},
 * {@code topics} and {@code emits} has a default; see docs/connectors/mqtt.md.
 *
 * @param brokerUri        {@code tcp://host:1883} or {@code ssl://host:8883} (the JVM's trust store checks the
 *                         broker's certificate)
 * @param clientId         the MQTT client id; the broker keeps the session (subscriptions and the QoS 1 messages
 *                         published while the bridge is away) under it, so it must stay the same across restarts and
 *                         be used by one process only. Default {@code roadstream-<name>}
 * @param username         empty = connect without credentials
 * @param password         never logged, never printed by {@link #toString()}
 * @param topics           topic filters, with the wildcards {@code +} (one level) and {@code #} (the rest)
 * @param qos              1 (default): every message reaches Kafka at least once; 0: messages published while the
 *                         bridge is away or in flight when it fails are lost. A message published at QoS 2 arrives
 *                         at the subscription's QoS.
 * @param cleanSession     false (default): the broker keeps the subscription and queues messages while the bridge is
 *                         away; true forgets both at each connect
 * @param emits            readings, positions or reports: what every message on these topics holds
 * @param format           json (roadstream's event JSON, one object or an array of them) or csv (one event a line)
 * @param csv              for format csv: the column order and whether each payload starts with a header line
 * @param idFromTopicLevel 0 (default): the id is in the payload; n ≥ 1: the event's id (sensorId, vehicleId,
 *                         reportId) is the topic's n-th level, counted from 1 (2 in {@code sensors/D-M1-E-01/reading})
 * @param keepAliveS       seconds between pings when nothing else is sent; a broker silent for 1.5 times this is gone
 * @param connectTimeoutS  how long a connection attempt may take
 */
public record MqttSettings(
    String type,
    String name,
    String brokerUri,
    String clientId,
    String username,
    String password,
    List<String> topics,
    Integer qos,
    Boolean cleanSession,
    String emits,
    String format,
    Csv csv,
    Integer idFromTopicLevel,
    Integer keepAliveS,
    Integer connectTimeoutS) {

  public static final String TYPE = "mqtt";

  /**
   * How CSV payloads map to events.
   *
   * @param columns   the event field each column holds, in order (names as in docs/events.md); {@code -} skips a
   *                  column. Example for readings: {@code [sensorId, time, intervalS, vehicleCount, avgSpeedKmh,
   *                  occupancy]}
   * @param header    true: the first line of every payload names the columns and is skipped
   * @param separator one character, default {@code ,}
   */
  public record Csv(List<String> columns, Boolean header, String separator) {
    public Csv {
      columns = columns == null ? List.of() : List.copyOf(columns);
      header = header != null && header;
      separator = separator == null ? "," : separator;
    }
  }

  public MqttSettings {
    type = type == null ? TYPE : type;
    brokerUri = brokerUri == null ? "tcp://127.0.0.1:1883" : brokerUri;
    clientId = clientId == null || clientId.isEmpty() ? "roadstream-" + name : clientId;
    username = username == null ? "" : username;
    password = password == null ? "" : password;
    topics = topics == null ? List.of() : List.copyOf(topics);
    qos = qos == null ? 1 : qos;
    cleanSession = cleanSession != null && cleanSession;
    format = format == null ? "json" : format;
    csv = csv == null ? new Csv(null, null, null) : csv;
    idFromTopicLevel = idFromTopicLevel == null ? 0 : idFromTopicLevel;
    keepAliveS = keepAliveS == null ? 30 : keepAliveS;
    connectTimeoutS = connectTimeoutS == null ? 10 : connectTimeoutS;
  }

  /**
   * Reads one {@code ingest.sources[i]} mapping.
   *
   * @param keyPrefix the mapping's place in the configuration, e.g. {@code ingest.sources[2]}, for messages
   * @throws ConfigException naming each key that is unknown, ill-typed or out of range
   */
  public static MqttSettings parse(Map<String, Object> source, String keyPrefix) {
    MqttSettings settings = from(source, keyPrefix);
    List<String> problems = settings.problems(keyPrefix);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return settings;
  }

  /**
   * Reads one mapping without checking the values (see {@link #problems}).
   *
   * @throws ConfigException naming a key that is unknown or has the wrong type
   */
  public static MqttSettings from(Map<String, Object> source, String keyPrefix) {
    ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    MqttSettings settings;
    try {
      settings = mapper.convertValue(source, MqttSettings.class);
    } catch (IllegalArgumentException e) {
      String path = e.getCause() instanceof com.fasterxml.jackson.databind.JsonMappingException m
          ? m.getPathReference().replaceAll("^.*MqttSettings", "").replaceAll("\\[\"([^\"]+)\"\\]", ".$1") : "";
      throw new ConfigException(List.of(keyPrefix + path + ": " + e.getMessage().split("\n")[0]
          .replaceAll(" \\(class io\\.roadstream[^)]*\\)", "")));
    }
    return settings;
  }

  /** The kind of event every message holds; valid once {@link #problems} is empty. */
  public EventKind kind() {
    return EventKind.of(emits).orElseThrow(() -> new IllegalStateException("emits: " + emits));
  }

  public boolean csvFormat() {
    return "csv".equals(format);
  }

  /** Problems with the values, each naming its key under {@code keyPrefix}; empty when usable. */
  public List<String> problems(String keyPrefix) {
    String k = keyPrefix + ".";
    List<String> p = new ArrayList<>();
    check(p, TYPE.equals(type), k + "type", "must be " + TYPE);
    check(p, name != null && name.matches("[A-Za-z0-9._-]{1,100}"), k + "name",
        "must be 1..100 letters, digits, '.', '_' or '-'");
    check(p, validBrokerUri(brokerUri), k + "brokerUri",
        "must be tcp://host:port or ssl://host:port (ws:// and wss:// work too), got '" + brokerUri + "'");
    check(p, !clientId.isBlank() && clientId.length() <= 256 && !clientId.contains("\u0000"), k + "clientId",
        "must be 1..256 characters");
    check(p, password.isEmpty() || !username.isEmpty(), k + "password", "needs a username");
    check(p, !topics.isEmpty(), k + "topics", "must name at least one topic filter, e.g. sensors/+/reading");
    for (int i = 0; i < topics.size(); i++) {
      String problem = TopicFilter.problem(topics.get(i));
      check(p, problem == null, k + "topics[" + i + "]", problem);
    }
    check(p, qos == 0 || qos == 1, k + "qos", "must be 0 or 1 (1 = at least once; QoS 2 messages arrive at 1)");
    check(p, EventKind.of(emits).isPresent(), k + "emits", "must be " + EventKind.choices() + ", got '" + emits + "'");
    check(p, format.equals("json") || format.equals("csv"), k + "format", "must be json or csv, got '" + format + "'");
    check(p, keepAliveS >= 0, k + "keepAliveS", "must be at least 0 (0 = no pings)");
    check(p, connectTimeoutS >= 1, k + "connectTimeoutS", "must be at least 1");
    check(p, idFromTopicLevel >= 0, k + "idFromTopicLevel", "must be 0 (id in the payload) or a level, from 1");
    if (idFromTopicLevel > 0) {
      for (int i = 0; i < topics.size(); i++) {
        check(p, TopicFilter.mayHaveLevel(topics.get(i), idFromTopicLevel), k + "topics[" + i + "]",
            "'" + topics.get(i) + "' has no level " + idFromTopicLevel + " (idFromTopicLevel)");
      }
    }
    csvProblems(k + "csv.", p);
    return p;
  }

  private void csvProblems(String k, List<String> p) {
    if (!csvFormat()) {
      check(p, csv.columns().isEmpty(), k + "columns", "is for format csv only");
      return;
    }
    check(p, !csv.columns().isEmpty(), k + "columns", "must list the event field of each column, in order");
    check(p, csv.separator().length() == 1 && !csv.separator().equals("\"") && !csv.separator().equals("\n"),
        k + "separator", "must be one character other than a quote or a line break");
    if (EventKind.of(emits).isEmpty()) {
      return;
    }
    EventKind kind = kind();
    Map<String, CsvFields.Type> fields = CsvFields.of(kind);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < csv.columns().size(); i++) {
      String column = csv.columns().get(i);
      if (CsvFields.SKIP.equals(column)) {
        continue;
      }
      check(p, column != null && fields.containsKey(column), k + "columns[" + i + "]",
          "'" + column + "' is not a field of " + kind.word() + " (fields: " + String.join(", ", fields.keySet())
              + "; '-' skips a column)");
      check(p, column == null || seen.add(column), k + "columns[" + i + "]", "'" + column + "' appears twice");
    }
    check(p, idFromTopicLevel > 0 || seen.contains(kind.idField()) || seen.isEmpty(), k + "columns",
        "must hold " + kind.idField() + ", or set idFromTopicLevel to take it from the topic");
  }

  private static boolean validBrokerUri(String uri) {
    try {
      URI u = new URI(uri);
      return u.getScheme() != null && List.of("tcp", "ssl", "ws", "wss").contains(u.getScheme())
          && u.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static void check(List<String> problems, boolean ok, String key, String message) {
    if (!ok) {
      problems.add(key + ": " + message);
    }
  }

  /** Never prints the password. */
  @Override
  public String toString() {
    return "MqttSettings[name=" + name + ", brokerUri=" + brokerUri + ", clientId=" + clientId + ", username="
        + username + ", password=" + (password.isEmpty() ? "none" : "***") + ", topics=" + topics + ", qos=" + qos
        + ", cleanSession=" + cleanSession + ", emits=" + emits + ", format=" + format + ", csv=" + csv
        + ", idFromTopicLevel=" + idFromTopicLevel + "]";
  }
}
