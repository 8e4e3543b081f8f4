package io.roadstream.server;

import io.javalin.http.Context;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * {@code GET /metrics}: the process's metrics in the Prometheus text format (version 0.0.4), written by the Prometheus
 * client library from the registry the application fills. Not behind {@code server.readToken}, like {@code /health}:
 * scrapers run inside the deployment, and the metrics hold counts, never data or secrets.
 */
final class MetricsController {

  private final Supplier<PrometheusRegistry> registry;
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

  MetricsController(Supplier<PrometheusRegistry> registry) {
    this.registry = registry;
  }

  void scrape(Context ctx) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream(16 * 1024);
    writer.write(body, registry.get().scrape());
    ctx.contentType(writer.getContentType()).result(body.toByteArray());
  }
}
