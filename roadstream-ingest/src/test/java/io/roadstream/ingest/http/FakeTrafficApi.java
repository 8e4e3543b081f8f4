package io.roadstream.ingest.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;

/**
 * A real HTTP server behaving like a paged traffic API: records {@code {seq, sensor, time, speedMph}} in ascending
 * {@code seq}, filtered by {@code since} (at or after, as the poller expects), served five to a page by next link
 * ({@code /links}), by cursor ({@code /cursor}) or by {@code limit}/{@code offset} ({@code /offset}). Answers can be
 * scripted ahead of the feed (a 429 with Retry-After, a 500, a slow answer) and single pages replaced (a page that
 * is not JSON). Every request is kept with its arrival time.
 */
final class FakeTrafficApi implements AutoCloseable {

  static final int PAGE_SIZE = 5;

  /** One request as the server saw it. */
  record Request(String path, Map<String, String> query, Map<String, String> headers, long arrivedAtMillis) {}

  /** A scripted answer; {@code delayMs} holds it back, as a slow server would. */
  record Answer(int status, Map<String, String> headers, String body, long delayMs) {
    static Answer status(int status) {
      return new Answer(status, Map.of(), "{\"error\":\"scripted " + status + "\"}", 0);
    }

    static Answer tooManyRequests(String retryAfter) {
      return new Answer(429, Map.of("Retry-After", retryAfter), "{\"error\":\"rate limited\"}", 0);
    }

    static Answer slow(long delayMs) {
      return new Answer(-1, Map.of(), "", delayMs);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final ObjectMapper json = new ObjectMapper();
  private final List<ObjectNode> records = new CopyOnWriteArrayList<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Deque<Answer> scripted = new ConcurrentLinkedDeque<>();
  private final Map<Integer, Answer> replacedPages = new java.util.concurrent.ConcurrentHashMap<>();
  private final CountDownLatch closed = new CountDownLatch(1);

  FakeTrafficApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  URI url(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery);
  }

  /** Appends records with the next {@code n} sequence numbers; their times are one minute apart. */
  synchronized FakeTrafficApi add(int n) {
    for (int i = 0; i < n; i++) {
      int seq = records.size() + 1;
      ObjectNode r = json.createObjectNode();
      r.put("seq", seq);
      r.put("sensor", "S-" + seq);
      r.put("time", Instant.parse("2024-03-02T07:00:00Z").plusSeconds(60L * seq).toString());
      r.put("speedMph", 30 + seq % 20);
      records.add(r);
    }
    return this;
  }

  /** The sensor ids of every record the API has: what a complete, duplicate-free ingest delivers. */
  List<String> sensorIds() {
    return records.stream().map(r -> "feed-" + r.get("seq").asInt()).toList();
  }

  /** The next requests, whatever their path, get these answers (a 2xx {@link Answer#slow} then serves the feed). */
  FakeTrafficApi script(Answer... answers) {
    scripted.addAll(List.of(answers));
    return this;
  }

  /** Page {@code page} (1-based) of every poll is {@code body} (of {@code contentType}) instead of its records. */
  FakeTrafficApi replacePage(int page, String contentType, String body) {
    replacedPages.put(page, new Answer(200, Map.of("Content-Type", contentType), body, 0));
    return this;
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  List<Request> requests(IntPredicate pageFilter) {
    return requests.stream().filter(r -> pageFilter.test(page(r.query()))).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
      Map<String, String> headers = new LinkedHashMap<>();
      exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
      requests.add(new Request(exchange.getRequestURI().getPath(), query, headers, System.currentTimeMillis()));
      Answer answer = scripted.poll();
      if (answer != null && answer.delayMs() > 0) {
        // a slow server: hold the answer back, but let close() release it
        closed.await(answer.delayMs(), TimeUnit.MILLISECONDS);
      }
      if (answer != null && answer.status() > 0) {
        send(exchange, answer.status(), answer.headers(), answer.body(), "application/json");
        return;
      }
      serveFeed(exchange, exchange.getRequestURI().getPath(), query);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void serveFeed(HttpExchange exchange, String path, Map<String, String> query) throws IOException {
    List<ObjectNode> matching = new ArrayList<>();
    long since = Long.parseLong(query.getOrDefault("since", "0"));
    for (ObjectNode r : records) {
      if (r.get("seq").asLong() >= since) {
        matching.add(r);
      }
    }
    int page = page(query);
    Answer replaced = replacedPages.get(page);
    if (replaced != null) {
      send(exchange, 200, replaced.headers(), replaced.body(), "application/json");
      return;
    }
    int from;
    switch (path) {
      case "/offset" -> from = Integer.parseInt(query.getOrDefault("offset", "0"));
      case "/cursor" -> from = Integer.parseInt(query.getOrDefault("cursor", "c0").substring(1));
      default -> from = (page - 1) * PAGE_SIZE;
    }
    int limit = Integer.parseInt(query.getOrDefault("limit", String.valueOf(PAGE_SIZE)));
    int to = Math.min(matching.size(), from + limit);
    ArrayNode items = json.createArrayNode();
    matching.subList(Math.min(from, to), to).forEach(items::add);
    boolean more = to < matching.size();
    String body;
    switch (path) {
      case "/offset" -> body = items.toString();
      case "/cursor" -> {
        ObjectNode b = json.createObjectNode();
        b.set("data", items);
        b.putObject("meta").put("next_cursor", more ? "c" + to : "");
        body = b.toString();
      }
      default -> {
        ObjectNode b = json.createObjectNode();
        b.set("items", items);
        if (more) {
          // relative, as many APIs write it; keeps the client's other parameters
          b.put("next", "/links?since=" + since + "&page=" + (page + 1));
        } else {
          b.putNull("next");
        }
        body = b.toString();
      }
    }
    send(exchange, 200, Map.of(), body, "application/json");
  }

  /** The page a request asks for, by whichever paging it uses. */
  private static int page(Map<String, String> query) {
    if (query.containsKey("offset")) {
      return Integer.parseInt(query.get("offset")) / PAGE_SIZE + 1;
    }
    if (query.containsKey("cursor")) {
      return Integer.parseInt(query.get("cursor").substring(1)) / PAGE_SIZE + 1;
    }
    return Integer.parseInt(query.getOrDefault("page", "1"));
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> q = new LinkedHashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        String[] kv = pair.split("=", 2);
        q.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
            kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
      }
    }
    return q;
  }

  private static void send(HttpExchange exchange, int status, Map<String, String> headers, String body,
      String contentType) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    closed.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
