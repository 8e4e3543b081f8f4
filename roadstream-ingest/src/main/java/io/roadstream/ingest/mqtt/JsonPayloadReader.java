package io.roadstream.ingest.mqtt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.roadstream.core.event.DeadLetterReason;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a JSON payload into its records: one object, or an array of objects. A payload that is not JSON is one
 * unreadable item; an array element that is not an object is one too, and its neighbours are read on.
 */
final class JsonPayloadReader {

  private final ObjectMapper mapper;

  JsonPayloadReader(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  List<PayloadItem> read(byte[] payload) {
    JsonNode root;
    try {
      root = mapper.readTree(payload);
    } catch (JsonProcessingException e) {
      return List.of(new PayloadItem.Unreadable(payload, 0, DeadLetterReason.MALFORMED,
          "not JSON: " + e.getOriginalMessage()));
    } catch (IOException e) {
      return List.of(new PayloadItem.Unreadable(payload, 0, DeadLetterReason.MALFORMED, "not JSON: " + e));
    }
    if (root == null || root.isMissingNode()) {
      return List.of();
    }
    if (root.isObject()) {
      return List.of(new PayloadItem.Parsed((ObjectNode) root, payload, 0));
    }
    if (!root.isArray()) {
      return List.of(new PayloadItem.Unreadable(payload, 0, DeadLetterReason.MALFORMED,
          "expected a JSON object or an array of objects, got " + typeOf(root)));
    }
    List<PayloadItem> items = new ArrayList<>(root.size());
    for (int i = 0; i < root.size(); i++) {
      JsonNode element = root.get(i);
      byte[] raw = bytes(element);
      items.add(element.isObject()
          ? new PayloadItem.Parsed((ObjectNode) element, raw, i + 1)
          : new PayloadItem.Unreadable(raw, i + 1, DeadLetterReason.MALFORMED,
              "expected a JSON object, got " + typeOf(element)));
    }
    return items;
  }

  private byte[] bytes(JsonNode node) {
    try {
      return mapper.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON that was just read", e);
    }
  }

  private static String typeOf(JsonNode node) {
    return node.getNodeType().name().toLowerCase(Locale.ROOT);
  }
}
