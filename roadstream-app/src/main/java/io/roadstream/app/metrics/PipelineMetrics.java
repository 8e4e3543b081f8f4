package io.roadstream.app.metrics;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import io.roadstream.app.runtime.PipelineMonitor;
import io.roadstream.core.event.SegmentStats;
import io.roadstream.store.Materializer;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The metrics of what {@code serve} and {@code demo} run, in Prometheus terms: what came in and went out of the job
 * per topic, dead letters by reason, consumer lag per group, how long materializer writes take and whether their
 * sinks take writes, and the end-to-end latency of the segment statistics. Counts and gauges are read from their
 * owners at each scrape ({@link PipelineMonitor}, {@link Materializer}); the two histograms are observed as it
 * happens. Labels are bounded: topics, groups, sinks, reason codes — never a segment or a vehicle.
 */
public final class PipelineMetrics {

  /**
   * Window end to durable row: a few seconds of watermark delay and checkpoint interval when all is well; minutes
   * while a sink is down and the materializers catch up; the top buckets say "badly behind".
   */
  private static final double[] LATENCY_BUCKETS =
      {0.5, 1, 2.5, 5, 7.5, 10, 15, 20, 30, 45, 60, 120, 300, 600, 1800, 3600};
  private static final double[] WRITE_BUCKETS =
      {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

  private final PrometheusRegistry registry;
  private final Clock clock;
  private final Histogram latency;
  private final Histogram writeSeconds;
  /** The materializers into PostgreSQL: one per derived topic, their reads are the job's output. */
  private final List<Materializer<?>> outputs = new CopyOnWriteArrayList<>();
  /** Every materializer, PostgreSQL and Redis, for their sinks' availability. */
  private final List<Materializer<?>> materializers = new CopyOnWriteArrayList<>();

  public PipelineMetrics(PrometheusRegistry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
    this.latency = Histogram.builder()
        .name("roadstream_end_to_end_latency_seconds")
        .help("From the end of a segment-statistics window (event time) to its row being durable in PostgreSQL "
            + "(wall clock), per row written; with live sources this is how fresh the dashboard is, in a replay or "
            + "the sped-up simulation it is how far the data's time lags the wall clock")
        .unit(Unit.SECONDS)
        .classicOnly()
        .classicUpperBounds(LATENCY_BUCKETS)
        .register(registry);
    this.writeSeconds = Histogram.builder()
        .name("roadstream_materializer_write_seconds")
        .help("How long one materializer write (one poll's records, one transaction) took, by sink and topic")
        .unit(Unit.SECONDS)
        .labelNames("sink", "topic")
        .classicOnly()
        .classicUpperBounds(WRITE_BUCKETS)
        .register(registry);
    CounterWithCallback.builder()
        .name("roadstream_records_out_total")
        .help("Records the Flink job wrote to each derived topic (committed), counted as this process's "
            + "materializers read them: with several serve processes, sum over them")
        .labelNames("topic")
        .callback(cb -> outputs.forEach(m -> cb.call(m.rowsWritten() + m.deadLetters(), m.topic())))
        .register(registry);
    GaugeWithCallback.builder()
        .name("roadstream_materializer_sink_available")
        .help("1 while a materializer's sink (postgresql, redis) takes its writes; 0 while it refuses them and the "
            + "materializer retries with backoff, its offsets uncommitted")
        .labelNames("sink", "topic")
        .callback(cb -> materializers.forEach(m -> cb.call(m.databaseAvailable() ? 1 : 0, sink(m), m.topic())))
        .register(registry);
  }

  /** A materializer into PostgreSQL: its reads count as the job's output, its writes are timed. */
  public <T> Materializer<T> output(Materializer<T> materializer) {
    outputs.add(materializer);
    return timed(materializer);
  }

  /** Any other materializer (Redis): its writes are timed and its sink watched. */
  public <T> Materializer<T> timed(Materializer<T> materializer) {
    materializers.add(materializer);
    String sink = sink(materializer);
    String topic = materializer.topic();
    return materializer.timeWrites((events, nanos) -> writeSeconds.labelValues(sink, topic).observe(nanos / 1e9));
  }

  /** Observes the end-to-end latency of rows just made durable (the segment-stats materializer's callback). */
  public void statsWritten(List<SegmentStats> rows) {
    long now = clock.millis();
    for (SegmentStats row : rows) {
      // an event clock ahead of the wall clock (a simulation running ahead) is no latency at all
      latency.observe(Math.max(0, now - row.windowEnd()) / 1000.0);
    }
  }

  /** The pipeline monitor's measurements: raw records per topic, dead letters per reason, lag per group. */
  public void monitor(PipelineMonitor monitor) {
    CounterWithCallback.builder()
        .name("roadstream_raw_records_total")
        .help("Records on each raw topic (readings, positions, reports): their end offsets, from every producer")
        .labelNames("topic")
        .callback(cb -> monitor.rawRecords().forEach((topic, records) -> cb.call(records, topic)))
        .register(registry);
    CounterWithCallback.builder()
        .name("roadstream_dead_letters_total")
        .help("Records in the dead-letter topic by reason code (MALFORMED, INVALID, UNKNOWN_REFERENCE, LATE, "
            + "OUT_OF_ORDER, UNDELIVERABLE; UNREADABLE: a dead letter that cannot itself be decoded), read from the "
            + "topic by this process: with several serve processes, take the max, not the sum")
        .labelNames("reason")
        .callback(cb -> monitor.deadLettersByReason().forEach((reason, count) -> cb.call(count, reason)))
        .register(registry);
    GaugeWithCallback.builder()
        .name("roadstream_consumer_lag")
        .help("Records a consumer group (materializers into PostgreSQL and Redis, the dispatcher) has still to read on "
            + "a topic: its committed offsets behind the topic's end, measured every 5 s")
        .labelNames("group", "topic")
        .callback(cb -> monitor.groupLags().forEach(l -> cb.call(l.lag(), l.group(), l.topic())))
        .register(registry);
  }

  private static String sink(Materializer<?> m) {
    return m.sinkName().toLowerCase(Locale.ROOT).split(" ")[0];
  }
}
