package io.roadstream.app.metrics;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.roadstream.core.event.DeadLetterReason;
import io.roadstream.ingest.connect.ConnectorMetrics;
import io.roadstream.ingest.connect.ConnectorRuntime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * The sources this process runs (connectors of {@code ingest.sources}, the demo's simulator), per source name: events
 * in (acknowledged by Kafka), records read and rejected (by reason), failures, and when each last produced. Read from
 * the connectors' own counters at each scrape. The label {@code source} is a configured name, so it stays bounded.
 */
public final class SourceMetrics {

  private final List<ConnectorRuntime> runtimes = new CopyOnWriteArrayList<>();
  private final Map<String, LongSupplier> others = new ConcurrentHashMap<>();

  public SourceMetrics(PrometheusRegistry registry) {
    CounterWithCallback.builder()
        .name("roadstream_events_in_total")
        .help("Events a source of this process produced to Kafka (acknowledged), by source name")
        .labelNames("source")
        .callback(cb -> {
          connectors().forEach(m -> cb.call(m.produced(), m.connector()));
          others.forEach((name, produced) -> cb.call(produced.getAsLong(), name));
        })
        .register(registry);
    CounterWithCallback.builder()
        .name("roadstream_source_records_read_total")
        .help("Records a connector read from its source (an API page's items, MQTT messages, file lines)")
        .labelNames("source")
        .callback(cb -> connectors().forEach(m -> cb.call(m.read(), m.connector())))
        .register(registry);
    CounterWithCallback.builder()
        .name("roadstream_source_records_rejected_total")
        .help("Records a connector could not use and sent to the dead letters, by source and reason code")
        .labelNames("source", "reason")
        .callback(cb -> connectors().forEach(m -> {
          for (DeadLetterReason reason : DeadLetterReason.values()) {
            cb.call(m.rejected(reason), m.connector(), reason.name());
          }
        }))
        .register(registry);
    CounterWithCallback.builder()
        .name("roadstream_source_failures_total")
        .help("Runs of a connector that failed (each retried after a backoff)")
        .labelNames("source")
        .callback(cb -> connectors().forEach(m -> cb.call(m.errors(), m.connector())))
        .register(registry);
    GaugeWithCallback.builder()
        .name("roadstream_source_last_produced_timestamp_seconds")
        .help("When Kafka last acknowledged an event of the connector (Unix time); absent before the first")
        .labelNames("source")
        .callback(cb -> connectors().forEach(m -> {
          if (m.lastSuccess() != null) {
            cb.call(m.lastSuccess().toEpochMilli() / 1000.0, m.connector());
          }
        }))
        .register(registry);
  }

  /** Counts the connectors of {@code runtime}, those running now and those it starts later. */
  public SourceMetrics add(ConnectorRuntime runtime) {
    runtimes.add(runtime);
    return this;
  }

  /** A source that is no connector (the demo's simulator), with its count of events produced. */
  public SourceMetrics add(String name, LongSupplier eventsProduced) {
    others.put(name, eventsProduced);
    return this;
  }

  private List<ConnectorMetrics> connectors() {
    return runtimes.stream().flatMap(r -> r.metrics().stream()).toList();
  }
}
