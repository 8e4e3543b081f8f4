package io.roadstream.store.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A {@link LiveEntry} as JSON, the form of both the Redis value and the channel message:
 * <pre>{"kind":"segment","id":"main-eb-1","order":[1764228600000,42],"removed":false,
 *  "updatedAt":1764228661000,"expiresAt":1764228961000,"event":{…the segment-stats record…}}</pre>
 * The script that writes it reads {@code order} back, so its layout is part of the Redis contract.
 */
public final class LiveEntryJson {

  private final ObjectMapper mapper = new ObjectMapper();

  public String write(LiveEntry e) {
    ObjectNode node = mapper.createObjectNode();
    node.put("kind", e.kind().word());
    node.put("id", e.id());
    node.putArray("order").add(e.orderMajor()).add(e.orderMinor());
    node.put("removed", e.removed());
    node.put("updatedAt", e.updatedAt());
    node.put("expiresAt", e.expiresAt());
    try {
      node.set("event", mapper.readTree(e.event()));
      return mapper.writeValueAsString(node);
    } catch (JsonProcessingException ex) {
      throw new IllegalArgumentException("a live entry's event is not JSON: " + ex.getOriginalMessage(), ex);
    }
  }

  /** @throws IllegalArgumentException when {@code json} is not an entry (a foreign message on the channel, say) */
  public LiveEntry read(String json) {
    try {
      JsonNode node = mapper.readTree(json);
      JsonNode order = node.path("order");
      JsonNode event = node.get("event");
      if (!node.path("kind").isTextual() || !node.path("id").isTextual() || !order.isArray() || order.size() != 2
          || !order.get(0).canConvertToLong() || !order.get(1).canConvertToLong() || event == null
          || !node.path("expiresAt").canConvertToLong()) {
        throw new IllegalArgumentException("not a live-view entry: " + abbreviate(json));
      }
      return new LiveEntry(LiveKind.ofWord(node.get("kind").asText()), node.get("id").asText(), order.get(0).asLong(),
          order.get(1).asLong(), node.path("removed").asBoolean(false), node.path("updatedAt").asLong(),
          node.get("expiresAt").asLong(), mapper.writeValueAsString(event));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a live-view entry (not JSON): " + abbreviate(json), e);
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 120 ? s : s.substring(0, 120) + "…";
  }
}
