package io.roadstream.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * A real HTTP server standing in for an emergency service's webhook: each path answers by a rule on how often the
 * same incident (by {@code Idempotency-Key}) has arrived there, and every request is kept for the assertions.
 */
public final class WebhookReceiver implements AutoCloseable {

  /** One request as the receiver saw it, and what it answered. */
  public record Request(String path, String idempotencyKey, String authorization, String body, int answered) {
    public boolean accepted() {
      return answered >= 200 && answered < 300;
    }
  }

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();

  public WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
  }

  /** Answers 500 to the first {@code failures} requests of each incident, then 200. */
  public String failingFirst(String path, int failures) {
    return route(path, n -> n <= failures ? 500 : 200);
  }

  /** Answers {@code status} to everything. */
  public String answering(String path, int status) {
    return route(path, n -> status);
  }

  /** @param answer the status for the n-th (1-based) request of one incident on this path */
  private String route(String path, IntUnaryOperator answer) {
    server.createContext(path, exchange -> handle(exchange, path, answer));
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private void handle(HttpExchange exchange, String path, IntUnaryOperator answer) throws IOException {
    try (exchange; InputStream in = exchange.getRequestBody()) {
      String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
      int n = seen.computeIfAbsent(path + " " + key, k -> new AtomicInteger()).incrementAndGet();
      int status = answer.applyAsInt(n);
      requests.add(new Request(path, key, exchange.getRequestHeaders().getFirst("Authorization"), body, status));
      byte[] reply = (status < 300 ? "ok" : "unavailable, try later").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, reply.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(reply);
      }
    }
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  public List<Request> requests(String path, String incidentId) {
    return requests.stream().filter(r -> r.path().equals(path) && incidentId.equals(r.idempotencyKey())).toList();
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
