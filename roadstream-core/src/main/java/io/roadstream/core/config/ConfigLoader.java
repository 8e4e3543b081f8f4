package io.roadstream.core.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the {@link RoadstreamConfig}: defaults, then the YAML file (if any), then environment variables
 * {@code ROADSTREAM_<SECTION>_<KEY>} (e.g. {@code ROADSTREAM_KAFKA_BOOTSTRAP}), then flags ({@code key=value} with
 * the YAML path, e.g. {@code kafka.partitions=8}). Unknown keys and ill-typed values are errors that name the key.
 * A list-valued key (e.g. {@code dispatch.webhooks}) takes a YAML flow sequence from the environment or a flag,
 * {@code [{name: ems, url: "https://ems.example/hook"}]}, or for a list of words, words separated by commas.
 */
public final class ConfigLoader {

  private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public RoadstreamConfig load(Path file, Map<String, String> environment, Map<String, String> overrides) {
    ObjectNode tree = yaml.valueToTree(RoadstreamConfig.defaults());
    List<String> problems = new ArrayList<>();
    if (file != null) {
      try {
        JsonNode fromFile = yaml.readTree(Files.readAllBytes(file));
        if (fromFile != null && !fromFile.isMissingNode() && !fromFile.isNull()) {
          merge(tree, fromFile, "", problems, file.toString());
        }
      } catch (IOException e) {
        throw new ConfigException(List.of(file + ": cannot read: " + e.getMessage()));
      }
    }
    List<String> leaves = new ArrayList<>();
    collectLeaves(tree, "", leaves);
    for (String path : leaves) {
      String value = environment.get(environmentName(path));
      if (value != null) {
        set(tree, path, value, problems);
      }
    }
    overrides.forEach((path, value) -> {
      if (!leaves.contains(path)) {
        problems.add(path + ": no such setting (settings are: " + String.join(", ", leaves) + ")");
      } else {
        set(tree, path, value, problems);
      }
    });
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    RoadstreamConfig config;
    try {
      config = yaml.treeToValue(tree, RoadstreamConfig.class);
    } catch (IOException e) {
      String message = e.getMessage().split("\n")[0];
      String path = e instanceof com.fasterxml.jackson.databind.JsonMappingException jme ? jme.getPathReference() : "";
      throw new ConfigException(List.of("a value has the wrong type: " + message + (path.isEmpty() ? "" : " (" + path + ")")));
    }
    if (!config.problems().isEmpty()) {
      throw new ConfigException(config.problems());
    }
    return config;
  }

  /** The environment variable that overrides {@code path}: kafka.topicPrefix → ROADSTREAM_KAFKA_TOPIC_PREFIX. */
  public static String environmentName(String path) {
    return "ROADSTREAM_" + path.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('.', '_').toUpperCase(Locale.ROOT);
  }

  private static void merge(ObjectNode target, JsonNode source, String prefix, List<String> problems, String file) {
    if (!source.isObject()) {
      problems.add(file + ": " + (prefix.isEmpty() ? "the top level" : prefix) + " must be a mapping");
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = source.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String path = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
      JsonNode existing = target.get(field.getKey());
      if (existing == null) {
        problems.add(file + ": " + path + ": no such setting");
      } else if (existing.isObject()) {
        merge((ObjectNode) existing, field.getValue(), path, problems, file);
      } else {
        target.set(field.getKey(), field.getValue());
      }
    }
  }

  private static void collectLeaves(JsonNode node, String prefix, List<String> leaves) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String path = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
      if (field.getValue().isObject()) {
        collectLeaves(field.getValue(), path, leaves);
      } else {
        leaves.add(path);
      }
    }
  }

  /**
   * Sets a leaf from text; Jackson coerces "8" to 8 when it builds the record, and names the key if it cannot.
   * A list leaf is parsed: text has no other way to say "two webhooks".
   */
  private void set(ObjectNode root, String path, String value, List<String> problems) {
    String[] parts = path.split("\\.");
    ObjectNode node = root;
    for (int i = 0; i < parts.length - 1; i++) {
      node = (ObjectNode) node.get(parts[i]);
    }
    String leaf = parts[parts.length - 1];
    if (!node.path(leaf).isArray()) {
      node.set(leaf, TextNode.valueOf(value));
      return;
    }
    if (value.strip().startsWith("[")) {
      try {
        node.set(leaf, yaml.readTree(value));
      } catch (IOException e) {
        problems.add(path + ": not a YAML list: " + e.getMessage().split("\n")[0]);
      }
      return;
    }
    com.fasterxml.jackson.databind.node.ArrayNode words = node.putArray(leaf);
    for (String word : value.split(",")) {
      if (!word.isBlank()) {
        words.add(word.strip());
      }
    }
  }
}
