package io.roadstream.core.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * The fast path of reading a raw event: a flat JSON object (string, number, boolean and null values) read with
 * Jackson's streaming parser straight into the tree {@code ObjectMapper.readTree} would build, without the databind
 * machinery that costs about as much as the parse itself. It answers only what it can answer exactly: anything else
 * (not an object, a nested value, a repeated field, a number that is not an int, long or double, malformed JSON,
 * trailing tokens) gives null, and the caller reads the bytes with {@code readTree}, which also words the errors.
 */
final class FlatJsonReader {

  private final JsonFactory factory;
  private final JsonNodeFactory nodes = JsonNodeFactory.instance;

  FlatJsonReader(JsonFactory factory) {
    this.factory = factory;
  }

  /** The object, equal to what {@code readTree} gives for {@code bytes}; null when this reader does not decide. */
  ObjectNode read(byte[] bytes) {
    try (JsonParser p = factory.createParser(bytes)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      ObjectNode object = nodes.objectNode();
      for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
        JsonNode value = scalar(p, p.nextToken());
        if (value == null || object.replace(name, value) != null) {
          return null;
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
        return null;
      }
      return object;
    } catch (IOException | RuntimeException e) {
      return null; // malformed or beyond a limit: readTree says so, in its words
    }
  }

  private JsonNode scalar(JsonParser p, JsonToken token) throws IOException {
    if (token == null) {
      return null;
    }
    switch (token) {
      case VALUE_STRING:
        return nodes.textNode(p.getText());
      case VALUE_NUMBER_INT:
        switch (p.getNumberType()) {
          case INT:
            return nodes.numberNode(p.getIntValue());
          case LONG:
            return nodes.numberNode(p.getLongValue());
          default:
            return null;
        }
      case VALUE_NUMBER_FLOAT:
        return p.getNumberType() == JsonParser.NumberType.DOUBLE ? nodes.numberNode(p.getDoubleValue()) : null;
      case VALUE_TRUE:
        return nodes.booleanNode(true);
      case VALUE_FALSE:
        return nodes.booleanNode(false);
      case VALUE_NULL:
        return nodes.nullNode();
      default:
        return null;
    }
  }
}
