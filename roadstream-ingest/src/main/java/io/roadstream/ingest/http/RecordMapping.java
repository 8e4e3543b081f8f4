package io.roadstream.ingest.http;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import io.roadstream.core.codec.DecodeException;
import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.config.ConfigException;
import io.roadstream.ingest.connect.SourceRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A compiled {@link MappingSpec}: finds the records in an API page and turns each into a roadstream event. Pure and
 * thread-safe. A record it cannot map becomes a {@link SourceRecord.Rejected} whose reason names the event field;
 * mapping never throws for bad data.
 */
public final class RecordMapping {

  private final MappedEventKind kind;
  private final JsonPointer records;
  private final String recordsExpression;
  private final List<FieldReader> readers;
  private final Map<String, String> vars;
  private final EventCodec codec;

  private RecordMapping(MappedEventKind kind, String records, List<FieldReader> readers, Map<String, String> vars,
      EventCodec codec) {
    this.kind = kind;
    this.records = JsonPointers.compile(records);
    this.recordsExpression = records;
    this.readers = readers;
    this.vars = Map.copyOf(vars);
    this.codec = codec;
  }

  /**
   * @param vars the source's variables, which templates refer to as {@code {$name}}
   * @throws ConfigException listing every problem of the mapping, each prefixed by {@code path}
   */
  public static RecordMapping compile(MappingSpec spec, Map<String, String> vars, String path, EventCodec codec) {
    List<String> problems = new ArrayList<>();
    List<FieldReader> readers = compile(spec, vars.keySet(), path, problems);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new RecordMapping(MappedEventKind.of(spec.emits()).orElseThrow(), spec.records(), readers, vars, codec);
  }

  public static RecordMapping compile(MappingSpec spec, Map<String, String> vars) {
    return compile(spec, vars, "mapping", new EventCodec());
  }

  /** Problems with {@code spec}, each naming its key under {@code path}; empty when it compiles. */
  public static List<String> problems(MappingSpec spec, Set<String> vars, String path) {
    List<String> problems = new ArrayList<>();
    compile(spec, vars, path, problems);
    return problems;
  }

  /** The variables ({@code {$name}}) the mapping's templates refer to. */
  public static Set<String> variables(MappingSpec spec) {
    Set<String> names = new LinkedHashSet<>();
    for (FieldSpec f : spec.fields().values()) {
      if (f != null && f.template() != null) {
        try {
          names.addAll(Template.parse(f.template()).variables());
        } catch (IllegalArgumentException e) {
          // reported by problems()
        }
      }
    }
    return names;
  }

  private static List<FieldReader> compile(MappingSpec spec, Set<String> vars, String path, List<String> problems) {
    Optional<MappedEventKind> kind = MappedEventKind.of(spec.emits());
    if (kind.isEmpty()) {
      problems.add(path + ".emits: must be one of " + MappedEventKind.keys() + ", got '" + spec.emits() + "'");
      return List.of();
    }
    if (!JsonPointers.isValid(spec.records())) {
      problems.add(path + ".records: must be a JSON Pointer (empty for the page itself, else /a/b), got '"
          + spec.records() + "'");
    }
    for (String name : spec.fields().keySet()) {
      if (kind.get().field(name).isEmpty()) {
        problems.add(path + ".fields." + name + ": " + kind.get().key() + " have no such field (they have "
            + kind.get().fields().stream().map(EventField::name).toList() + ")");
      }
    }
    List<FieldReader> readers = new ArrayList<>();
    for (EventField field : kind.get().fields()) {
      FieldSpec fs = spec.fields().get(field.name());
      String key = path + ".fields." + field.name();
      if (fs == null) {
        if (field.required()) {
          problems.add(key + ": required for " + kind.get().key());
        }
        continue;
      }
      try {
        FieldReader reader = new FieldReader(field, fs);
        for (String v : reader.variables()) {
          if (!vars.contains(v)) {
            problems.add(key + ": refers to the variable {$" + v + "}, which the source's vars do not set");
          }
        }
        readers.add(reader);
      } catch (IllegalArgumentException e) {
        problems.add(key + ": " + e.getMessage());
      }
    }
    return readers;
  }

  public String emits() {
    return kind.key();
  }

  /**
   * The records of one page: the elements of the array at the records pointer, or the object there as one record.
   * Empty when the page has nothing at the pointer (the API changed shape, or sent an error document).
   */
  public Optional<List<JsonNode>> records(JsonNode page) {
    JsonNode at = page.at(records);
    if (at.isArray()) {
      List<JsonNode> list = new ArrayList<>(at.size());
      at.forEach(list::add);
      return Optional.of(list);
    }
    return at.isObject() ? Optional.of(List.of(at)) : Optional.empty();
  }

  public String recordsPointer() {
    return recordsExpression;
  }

  /**
   * @param fetchTime           when the page was fetched (epoch ms): the time of a snapshot API's records
   * @param pollIntervalSeconds a reading's interval when the mapping gives none
   * @param location            where the record was, for a rejection: {@code "GET https://host/path page 2, record 5"}
   */
  public SourceRecord map(JsonNode record, long fetchTime, int pollIntervalSeconds, String location) {
    Map<String, Object> values = new HashMap<>();
    try {
      int interval = pollIntervalSeconds;
      // the interval first: a veh/h rate is counted over it
      for (FieldReader r : readers) {
        if (r.field().name().equals("intervalSeconds")) {
          Object v = r.read(record, vars, fetchTime, pollIntervalSeconds);
          interval = v == null ? pollIntervalSeconds : (Integer) v;
        }
      }
      values.put("intervalSeconds", interval);
      for (FieldReader r : readers) {
        if (!r.field().name().equals("intervalSeconds")) {
          values.put(r.field().name(), r.read(record, vars, fetchTime, interval));
        }
      }
      return kind.build(values, codec);
    } catch (DecodeException e) {
      return new SourceRecord.Rejected(record.toString(), location, e.reason(), e.getMessage());
    }
  }
}
