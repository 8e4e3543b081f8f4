package io.roadstream.ingest.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a pushed body into its records: a JSON array (or one object) for {@code application/json}, one JSON object a
 * line for {@code application/x-ndjson}; without either type, a body starting with {@code [} is an array and anything
 * else NDJSON. Blank NDJSON lines are skipped. A body that holds no record, or is not the JSON its type says, is
 * refused as a whole.
 */
final class PushBody {

  /** One record of the body, its 0-based index among the records and, for NDJSON, its 1-based line. */
  record Item(int index, Integer line, byte[] json) {}

  private final ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  List<Item> split(byte[] body, String contentType) throws PushBodyException {
    int first = firstNonBlank(body);
    if (first < 0) {
      throw new PushBodyException("the body is empty: send a JSON array of records, or one record a line");
    }
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT).strip();
    boolean ndjson = type.startsWith("application/x-ndjson") || type.startsWith("application/jsonl")
        || !type.startsWith("application/json") && body[first] != '[';
    return ndjson ? lines(body) : array(body);
  }

  private List<Item> array(byte[] body) throws PushBodyException {
    JsonNode root;
    try {
      root = mapper.readTree(body);
    } catch (JsonProcessingException e) {
      throw new PushBodyException("the body is not one JSON value (" + e.getOriginalMessage() + "); for one record a "
          + "line, send Content-Type: application/x-ndjson");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (root.isObject()) {
      return List.of(new Item(0, null, write(root)));
    }
    if (!root.isArray()) {
      throw new PushBodyException("the body must be a JSON array of records or one record, not a "
          + root.getNodeType().name().toLowerCase(Locale.ROOT));
    }
    if (root.isEmpty()) {
      throw new PushBodyException("the body is an empty array: there is nothing to ingest");
    }
    List<Item> items = new ArrayList<>(root.size());
    for (int i = 0; i < root.size(); i++) {
      items.add(new Item(i, null, write(root.get(i))));
    }
    return items;
  }

  private static List<Item> lines(byte[] body) {
    List<Item> items = new ArrayList<>();
    int line = 1;
    int start = 0;
    for (int i = 0; i <= body.length; i++) {
      if (i == body.length || body[i] == '\n') {
        int end = i > start && body[i - 1] == '\r' ? i - 1 : i;
        if (firstNonBlank(body, start, end) >= 0) {
          byte[] json = new byte[end - start];
          System.arraycopy(body, start, json, 0, json.length);
          items.add(new Item(items.size(), line, json));
        }
        line++;
        start = i + 1;
      }
    }
    return items;
  }

  private byte[] write(JsonNode node) {
    try {
      return mapper.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON that was just read", e);
    }
  }

  private static int firstNonBlank(byte[] b) {
    return firstNonBlank(b, 0, b.length);
  }

  private static int firstNonBlank(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r' && b[i] != '\n') {
        return i;
      }
    }
    return -1;
  }
}
