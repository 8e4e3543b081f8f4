package io.roadstream.ingest.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.roadstream.core.config.ConfigException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one {@code ingest.sources} entry into {@link HttpPollSettings} and checks it, including the mapping it
 * names: unknown keys, wrong types and bad values are reported together, each naming its key under the entry's
 * path ({@code ingest.sources[1].url: …}).
 */
public final class HttpPollSettingsReader {

  private final ObjectMapper yaml = YAMLMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .build();
  private final MappingLibrary library;

  public HttpPollSettingsReader(MappingLibrary library) {
    this.library = library;
  }

  public HttpPollSettingsReader() {
    this(new MappingLibrary());
  }

  /** @throws ConfigException naming each key at fault */
  public HttpPollSettings read(JsonNode entry, String path) {
    HttpPollSettings settings;
    try {
      settings = yaml.treeToValue(entry, HttpPollSettings.class);
    } catch (JsonMappingException e) {
      String at = e.getPath().stream()
          .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
          .reduce("", String::concat);
      throw new ConfigException(List.of(path + at + ": " + e.getOriginalMessage().split("\n")[0]));
    } catch (IOException e) {
      throw new ConfigException(List.of(path + ": " + e.getMessage().split("\n")[0]));
    }
    List<String> problems = new ArrayList<>(settings.problems(path));
    if (settings.mappingName() != null) {
      try {
        settings.mappingProblems(library.load(settings.mappingName(), path + ".mappingName"),
            path + ".mappingName (" + settings.mappingName() + ")", problems);
      } catch (ConfigException e) {
        problems.add(e.getMessage().replaceFirst("^invalid configuration:\\n  - ", ""));
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return settings;
  }

  /** One entry as YAML text, for tests and tools. */
  public HttpPollSettings read(String yamlText, String path) {
    try {
      return read(yaml.readTree(yamlText), path);
    } catch (IOException e) {
      throw new ConfigException(List.of(path + ": not valid YAML: " + e.getMessage().split("\n")[0]));
    }
  }

  /** The mapping the settings use: inline, or loaded by name. */
  public MappingSpec mapping(HttpPollSettings settings, String path) {
    return settings.mapping() != null ? settings.mapping() : library.load(settings.mappingName(), path + ".mappingName");
  }
}
