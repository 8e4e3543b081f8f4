package io.roadstream.ingest.connect;

import io.roadstream.core.retry.RetrySchedule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs connectors, each on its own thread with its own sink. A run that throws is logged, counted and started again
 * after a backoff that grows with consecutive failures and starts over once the connector produces again: a source
 * that fails keeps retrying and never takes the others down. A connector whose run returns (a file at its end) is
 * flushed and done. {@link #close} asks every connector to stop, waits for it, and flushes its sink.
 */
public final class ConnectorRuntime implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectorRuntime.class);
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);

  private final RetrySchedule backoff;
  private final List<Running> running = new ArrayList<>();
  private final StopSignal stop = new StopSignal();

  /** @param backoff the wait after consecutive failed runs; its maxAttempts is ignored, a source never gives up */
  public ConnectorRuntime(RetrySchedule backoff) {
    this.backoff = backoff;
  }

  /** Starts {@code connector} on its own thread, writing to the sink {@code sinks} makes for its metrics. */
  public ConnectorMetrics start(Connector connector, Function<ConnectorMetrics, EventSink> sinks) {
    ConnectorMetrics metrics = new ConnectorMetrics(connector.name());
    Running r = new Running(connector, sinks.apply(metrics), metrics);
    r.thread.start();
    running.add(r);
    return metrics;
  }

  public List<ConnectorMetrics> metrics() {
    return running.stream().map(r -> r.metrics).toList();
  }

  /** True when every started connector has come to its end (or stopped). */
  public boolean finished() {
    return running.stream().allMatch(r -> r.done.getCount() == 0);
  }

  /** Waits until every connector is finished; returns false on timeout. */
  public boolean awaitFinished(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Running r : running) {
      if (!r.done.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() throws InterruptedException {
    stop.request();
    for (Running r : running) {
      if (!r.done.await(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("{} did not stop within {} s; interrupting it", r.metrics.connector(), STOP_GRACE.toSeconds());
        r.thread.interrupt();
        r.done.await(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
    }
  }

  private final class Running {
    final Connector connector;
    final EventSink sink;
    final ConnectorMetrics metrics;
    final CountDownLatch done = new CountDownLatch(1);
    final Thread thread;

    Running(Connector connector, EventSink sink, ConnectorMetrics metrics) {
      this.connector = connector;
      this.sink = sink;
      this.metrics = metrics;
      this.thread = new Thread(this::loop, "connector-" + connector.name());
    }

    private void loop() {
      int failures = 0;
      try {
        while (!stop.requested()) {
          Instant successBefore = metrics.lastSuccess();
          try {
            connector.run(sink, stop);
            sink.flush();
            LOG.info("{} finished: {}", connector.name(), metrics.summary());
            return;
          } catch (InterruptedException e) {
            return;
          } catch (Exception e) {
            failures = Objects.equals(successBefore, metrics.lastSuccess()) ? failures + 1 : 1;
            Duration wait = backoff.delayAfter(Math.min(failures, 62));
            metrics.recordError(String.valueOf(e.getMessage()));
            LOG.warn("{} failed ({} in a row), next try in {} ms: {}", connector.name(), failures, wait.toMillis(),
                e.toString());
            stop.await(wait.toMillis());
          }
        }
        sink.flush();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        LOG.error("{} could not flush its last records: {}", connector.name(), e.toString());
      } finally {
        done.countDown();
      }
    }
  }
}
