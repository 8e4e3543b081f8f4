package io.roadstream.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.sse.SseClient;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.store.live.LiveChange;
import io.roadstream.store.live.LiveView;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GET /api/stream: Server-Sent Events. Each connected browser receives a {@code status} event at once, every few
 * seconds after, and whenever the live view turns stale or fresh (its {@code live} field); a {@code stats} event for
 * every row that becomes a segment's latest window; and, from a view that announces them (Redis), a {@code jam},
 * {@code incident} or {@code signal-plan} event for each change of those (a CLEARED state: it left the picture).
 */
final class StreamController implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StreamController.class);

  private final PipelineStatusSource statusSource;
  private final LiveView live;
  private final RoadNetwork network;
  private final JsonViews json;
  private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
  private final Runnable unsubscribe;
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "sse-status");
    t.setDaemon(true);
    return t;
  });

  StreamController(LiveView live, RoadNetwork network, PipelineStatusSource statusSource, JsonViews json,
      Duration statusEvery) {
    this.statusSource = statusSource;
    this.live = live;
    this.network = network;
    this.json = json;
    this.unsubscribe = live.subscribe(this::broadcast);
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

  private void broadcast(LiveChange change) {
    if (change instanceof LiveChange.SegmentChanged c) {
      broadcast("stats", json.write(json.stored(c.row())));
    } else if (change instanceof LiveChange.JamChanged c) {
      broadcast("jam", json.write(json.jam(c.event())));
    } else if (change instanceof LiveChange.IncidentChanged c) {
      broadcast("incident", json.write(json.incident(c.event(), network)));
    } else if (change instanceof LiveChange.SignalPlanChanged c) {
      broadcast("signal-plan", json.write(json.signalPlan(c.plan(), network)));
    } else if (change instanceof LiveChange.FreshnessChanged) {
      broadcastStatus(); // at once, not at the next tick: a browser should not show a stale picture as live
    }
  }

  private void broadcast(String event, String data) {
    clients.forEach(client -> send(client, event, data));
  }

  private void broadcastStatus() {
    String data = statusJson();
    if (data != null) {
      clients.forEach(client -> send(client, "status", data));
    }
  }

  private String statusJson() {
    try {
      ObjectNode status = json.status(statusSource.status());
      status.set("live", json.live(live.freshness()));
      return json.write(status);
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
