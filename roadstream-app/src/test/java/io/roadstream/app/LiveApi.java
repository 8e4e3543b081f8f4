package io.roadstream.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Reads one server's live routes over HTTP, as a user's script would. */
final class LiveApi {

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper mapper = new ObjectMapper();
  private final int port;

  LiveApi(int port) {
    this.port = port;
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  HttpClient http() {
    return http;
  }

  JsonNode get(String path) {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
          .GET().build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
      }
      return mapper.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("GET " + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** /api/live as "segment@windowStart=speed", sorted by segment. */
  List<String> liveSegments() {
    List<String> rows = new ArrayList<>();
    for (JsonNode row : get("/api/live")) {
      rows.add(row.get("segmentId").asText() + "@" + row.get("windowStart").asText() + "="
          + row.get("avgSpeedKmh").asDouble());
    }
    return rows.stream().sorted().toList();
  }

  /** The ids of one list of /api/live/picture, sorted. */
  List<String> pictureIds(String list, String idField) {
    List<String> ids = new ArrayList<>();
    get("/api/live/picture").get(list).forEach(n -> ids.add(n.get(idField).asText()));
    return ids.stream().sorted().toList();
  }
}
