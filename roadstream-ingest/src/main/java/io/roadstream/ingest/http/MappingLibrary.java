package io.roadstream.ingest.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.roadstream.core.config.ConfigException;
import io.roadstream.core.io.NamedResource;
import java.io.IOException;
import java.util.List;

/**
 * The mappings bundled with roadstream under {@code /mappings/NAME.yaml}, or a mapping file by path: the bundled
 * copy wins, as for networks and scenarios.
 */
public final class MappingLibrary {

  /** A TomTom Traffic Flow Segment Data response → one reading per poll. */
  public static final String TOMTOM_FLOW_SEGMENT = "tomtom-flow-segment";
  /** NYC DOT real-time traffic speeds (Socrata dataset i4gi-tjb9) → one reading per link and update. */
  public static final String NYC_DOT_SPEED = "nyc-dot-speed";
  public static final List<String> BUNDLED = List.of(TOMTOM_FLOW_SEGMENT, NYC_DOT_SPEED);

  private final ObjectMapper yaml = YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  /**
   * @throws ConfigException naming {@code key} when the mapping is neither bundled nor a readable file, or is not
   *                         a mapping
   */
  public MappingSpec load(String nameOrPath, String key) {
    NamedResource resource;
    try {
      resource = NamedResource.read(nameOrPath, "mapping", "/mappings", ".yaml", String.join(", ", BUNDLED));
    } catch (RuntimeException e) {
      throw new ConfigException(List.of(key + ": " + e.getMessage()));
    }
    try {
      return yaml.readValue(resource.content(), MappingSpec.class);
    } catch (IOException e) {
      throw new ConfigException(List.of(key + ": " + resource.source() + " is not a mapping: "
          + e.getMessage().split("\n")[0]));
    }
  }
}
