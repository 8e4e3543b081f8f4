package io.roadstream.ingest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.config.ConfigException;
import io.roadstream.ingest.connect.Connector;
import io.roadstream.ingest.http.HttpPollConnector;
import io.roadstream.ingest.http.HttpPollSettings;
import io.roadstream.ingest.http.HttpPollSettingsReader;
import io.roadstream.ingest.mqtt.MqttBridgeConnector;
import io.roadstream.ingest.mqtt.MqttSettings;
import io.roadstream.ingest.replay.ReplayConnector;
import io.roadstream.ingest.replay.ReplaySettings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Makes the connectors of {@code ingest.sources}: each mapping's {@code type} picks the connector, the rest of its
 * keys are that connector's settings. Every problem of every source is collected and reported at once, naming its key.
 */
public final class Sources {

  private final Path stateDir;
  private final Clock clock;
  private final ObjectMapper mapper = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** @param stateDir where connectors keep their positions ({@code ingest.stateDir}) */
  public Sources(Path stateDir, Clock clock) {
    this.stateDir = stateDir;
    this.clock = clock;
  }

  /** The types {@code ingest.sources[].type} may name. */
  public static List<String> types() {
    return List.of("http-poll", "mqtt", "replay");
  }

  /** @throws ConfigException listing every problem, when one source is wrong */
  public List<Connector> create(List<Map<String, Object>> sources) {
    List<String> problems = new ArrayList<>();
    List<Connector> connectors = new ArrayList<>();
    for (int i = 0; i < sources.size(); i++) {
      String key = "ingest.sources[" + i + "]";
      Map<String, Object> source = sources.get(i);
      Object type = source.get("type");
      try {
        Connector c = create(String.valueOf(type), source, key, problems);
        if (c != null) {
          connectors.add(c);
        }
      } catch (IllegalArgumentException e) {
        // Jackson names the key that has the wrong type or does not exist
        problems.add(key + ": " + e.getMessage().split("\n")[0]);
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return connectors;
  }

  private Connector create(String type, Map<String, Object> source, String key, List<String> problems) {
    String name = String.valueOf(source.get("name"));
    switch (type) {
      case "replay" -> {
        ReplaySettings s = mapper.convertValue(source, ReplaySettings.class);
        List<String> found = s.problems(key);
        problems.addAll(found);
        if (!found.isEmpty()) {
          return null;
        }
        List<ReplayConnector.ReplayFile> files = s.files().stream()
            .<ReplayConnector.ReplayFile>map(f -> () -> io.roadstream.ingest.replay.ReplayFormat.named(s.format())
                .open(f, s.options()))
            .toList();
        return new ReplayConnector(name, files, s.pacing(), s.filter(), clock);
      }
      case "mqtt" -> {
        try {
          return new MqttBridgeConnector(MqttSettings.parse(source, key), new EventCodec());
        } catch (ConfigException e) {
          problems.addAll(e.problems());
          return null;
        }
      }
      case "http-poll" -> {
        try {
          HttpPollSettings settings = new HttpPollSettingsReader().read(mapper.valueToTree(source), key);
          return HttpPollConnector.create(settings, key, stateDir);
        } catch (ConfigException e) {
          problems.addAll(e.problems());
          return null;
        }
      }
      default -> {
        problems.add(key + ".type: '" + type + "' is not a kind of source; kinds are " + String.join(", ", types()));
        return null;
      }
    }
  }
}
