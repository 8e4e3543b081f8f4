package io.roadstream.ingest.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A declarative mapping from an API's JSON to roadstream events, as written in YAML (inline in a source's settings
 * or bundled under {@code /mappings}). {@link RecordMapping#compile} checks and compiles it.
 *
 * @param emits   {@code readings}, {@code positions} or {@code reports}: which event each record becomes
 * @param records JSON Pointer to the page's array of records, or to a single record object; {@code ""} is the page
 * @param fields  event field name → where its value comes from
 */
public record MappingSpec(String description, String emits, String records, Map<String, FieldSpec> fields) {

  public MappingSpec {
    description = description == null ? "" : description;
    records = records == null ? "" : records;
    // keep the written order: messages and docs list fields as the user wrote them
    fields = fields == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }
}
