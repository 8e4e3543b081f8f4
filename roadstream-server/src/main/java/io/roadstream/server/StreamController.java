package io.roadstream.server;

import io.javalin.http.sse.SseClient;
import io.roadstream.store.StoredStats;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GET /api/stream: Server-Sent Events. Each connected browser receives a {@code status} event at once and every few
 * seconds after, and a {@code stats} event for every row that becomes a segment's latest window.
 */
final class StreamController implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StreamController.class);

  private final PipelineStatusSource statusSource;
  private final JsonViews json;
  private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
  private final Runnable unsubscribe;
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "sse-status");
    t.setDaemon(true);
    return t;
  });

  StreamController(LiveStatsFeed feed, PipelineStatusSource statusSource, JsonViews json, Duration statusEvery) {
    this.statusSource = statusSource;
    this.json = json;
    this.unsubscribe = feed.subscribe(this::broadcast);
    ticker.scheduleWithFixedDelay(this::broadcastStatus, statusEvery.toMillis(), statusEvery.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  void connect(SseClient client) {
    client.keepAlive();
    client.onClose(() -> clients.remove(client));
    String status = statusJson();
    if (status != null) {
      send(client, "status", status);
    }
    clients.add(client);
  }

  int clientCount() {
    return clients.size();
  }

  private void broadcast(StoredStats row) {
    String data = json.write(json.stored(row));
    clients.forEach(client -> send(client, "stats", data));
  }

  private void broadcastStatus() {
    String data = statusJson();
    if (data != null) {
      clients.forEach(client -> send(client, "status", data));
    }
  }

  private String statusJson() {
    try {
      return json.write(json.status(statusSource.status()));
    } catch (RuntimeException e) {
      LOG.debug("pipeline status not available: {}", e.getMessage());
      return null;
    }
  }

  private static void send(SseClient client, String event, String data) {
    // the feed and the ticker both write; one frame at a time per connection
    synchronized (client) {
      if (client.terminated()) {
        return;
      }
      client.sendEvent(event, data);
    }
  }

  @Override
  public void close() {
    unsubscribe.run();
    ticker.shutdownNow();
    for (SseClient client : clients) {
      try {
        client.close();
      } catch (RuntimeException e) {
        LOG.debug("closing an SSE client failed: {}", e.getMessage());
      }
    }
    clients.clear();
  }
}
