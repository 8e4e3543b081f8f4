package io.roadstream.server;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.roadstream.store.live.Freshness;
import io.roadstream.store.live.LiveView;
import java.util.function.IntSupplier;

/**
 * What the HTTP server itself knows, as metrics: browsers on the live stream, whether PostgreSQL answers (the same
 * query as {@code /health}, run at each scrape) and whether the live view follows its source.
 */
final class ServerMetrics {

  private ServerMetrics() {}

  static void register(PrometheusRegistry registry, IntSupplier sseClients, HealthService health, LiveView live) {
    GaugeWithCallback.builder()
        .name("roadstream_sse_clients")
        .help("Browsers and other clients connected to the live stream (/api/stream) of this server")
        .callback(cb -> cb.call(sseClients.getAsInt()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("roadstream_postgresql_up")
        .help("1 when PostgreSQL answers the server's health query (as /health), 0 when it does not")
        .callback(cb -> cb.call(health.check().up() ? 1 : 0))
        .register(registry);
    GaugeWithCallback.builder()
        .name("roadstream_live_view_stale")
        .help("1 while the server's live view cannot follow its source (redis or postgresql) and answers with the last "
            + "picture it had, 0 while it is fresh")
        .labelNames("source")
        .callback(cb -> {
          Freshness f = live.freshness();
          cb.call(f.stale() ? 1 : 0, f.source());
        })
        .register(registry);
  }
}
