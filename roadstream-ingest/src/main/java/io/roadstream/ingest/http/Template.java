package io.roadstream.ingest.http;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Text built from a record and the source's variables: {@code "tomtom-{/frc}-{$sensorId}"} puts the record's
 * {@code /frc} and the variable {@code sensorId} between the literal parts. Used for ids, whose parts APIs scatter.
 */
final class Template {

  private sealed interface Part permits Literal, Pointer, Variable {}

  private record Literal(String text) implements Part {}

  private record Pointer(String expression, JsonPointer pointer) implements Part {}

  private record Variable(String name) implements Part {}

  private final String text;
  private final List<Part> parts;

  private Template(String text, List<Part> parts) {
    this.text = text;
    this.parts = parts;
  }

  /** @throws IllegalArgumentException naming what is wrong with the template, for a configuration problem */
  static Template parse(String text) {
    List<Part> parts = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      int open = text.indexOf('{', i);
      if (open < 0) {
        parts.add(new Literal(text.substring(i)));
        break;
      }
      int close = text.indexOf('}', open);
      if (close < 0) {
        throw new IllegalArgumentException("'{' at " + open + " is not closed");
      }
      if (open > i) {
        parts.add(new Literal(text.substring(i, open)));
      }
      String inner = text.substring(open + 1, close);
      if (inner.startsWith("$") && inner.length() > 1) {
        parts.add(new Variable(inner.substring(1)));
      } else if (inner.startsWith("/")) {
        parts.add(new Pointer(inner, JsonPointers.compile(inner)));
      } else {
        throw new IllegalArgumentException("'{" + inner + "}' is neither a JSON Pointer ({/a/b}) nor a variable ({$name})");
      }
      i = close + 1;
    }
    return new Template(text, List.copyOf(parts));
  }

  /** The variables it refers to, in order. */
  Set<String> variables() {
    Set<String> names = new LinkedHashSet<>();
    for (Part p : parts) {
      if (p instanceof Variable v) {
        names.add(v.name());
      }
    }
    return names;
  }

  /** Empty when a pointer is missing or null in the record; the missing pointer is in {@link #missing}. */
  Optional<String> render(JsonNode record, Map<String, String> vars) {
    StringBuilder out = new StringBuilder();
    for (Part p : parts) {
      if (p instanceof Literal l) {
        out.append(l.text());
      } else if (p instanceof Variable v) {
        out.append(vars.get(v.name()));
      } else if (p instanceof Pointer ptr) {
        JsonNode value = record.at(ptr.pointer());
        if (value.isMissingNode() || value.isNull() || value.isContainerNode()) {
          return Optional.empty();
        }
        out.append(value.asText());
      }
    }
    return Optional.of(out.toString());
  }

  /** The first pointer the record lacks, for the rejection's reason. */
  String missing(JsonNode record) {
    for (Part p : parts) {
      if (p instanceof Pointer ptr) {
        JsonNode value = record.at(ptr.pointer());
        if (value.isMissingNode() || value.isNull() || value.isContainerNode()) {
          return ptr.expression();
        }
      }
    }
    return "";
  }

  @Override
  public String toString() {
    return text;
  }
}
