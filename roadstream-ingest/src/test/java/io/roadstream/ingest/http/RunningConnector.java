package io.roadstream.ingest.http;

import io.roadstream.ingest.connect.Connector;
import static org.assertj.core.api.Assertions.assertThat;

import io.roadstream.ingest.connect.EventSink;
import io.roadstream.ingest.connect.StopSignal;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A connector's {@code run} on its own thread, as the runtime would run it; {@link #stop} ends it, boundedly. */
final class RunningConnector implements AutoCloseable {

  private final StopSignal stop;
  private final CompletableFuture<Void> done;

  private RunningConnector(StopSignal stop, CompletableFuture<Void> done) {
    this.stop = stop;
    this.done = done;
  }

  static RunningConnector start(Connector connector, EventSink sink, StopSignal stop) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        connector.run(sink, stop);
        done.complete(null);
      } catch (Throwable t) {
        done.completeExceptionally(t);
      }
    }, "poller-" + connector.name());
    thread.setDaemon(true);
    thread.start();
    return new RunningConnector(stop, done);
  }

  /** Waits for {@code run} to return (stop already requested); fails the test if it threw or hangs. */
  void awaitReturn(Duration atMost) throws Exception {
    try {
      done.get(atMost.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("the connector did not return within " + atMost + " of being stopped", e);
    } catch (ExecutionException e) {
      throw new AssertionError("the connector failed", e.getCause());
    }
  }

  /** What {@code run} threw; fails if it returns normally or not within {@code atMost}. */
  Throwable awaitFailure(Duration atMost) throws Exception {
    try {
      done.get(atMost.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (TimeoutException e) {
      throw new AssertionError("the connector did not fail within " + atMost, e);
    }
    throw new AssertionError("the connector returned normally; it should have thrown");
  }

  /**
   * Waits, boundedly, until {@code condition} holds; fails at once with the connector's exception if it dies on
   * the way, rather than waiting out the bound.
   */
  void awaitUntil(Duration atMost, String what, java.util.function.BooleanSupplier condition) {
    org.awaitility.Awaitility.await(what).atMost(atMost).pollInterval(Duration.ofMillis(20)).until(() -> {
      if (done.isCompletedExceptionally()) {
        try {
          done.join();
        } catch (java.util.concurrent.CompletionException e) {
          throw new AssertionError("the connector failed while waiting for: " + what, e.getCause());
        }
      }
      return condition.getAsBoolean();
    });
  }

  @Override
  public void close() throws Exception {
    stop.request();
    awaitReturn(Duration.ofSeconds(10));
    assertThat(done).isDone();
  }
}
