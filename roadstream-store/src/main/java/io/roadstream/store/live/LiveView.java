package io.roadstream.store.live;

import io.roadstream.store.StoredStats;
import java.util.List;
import java.util.function.Consumer;

/**
 * The live picture a server shows, and its changes as they happen. Implementations follow Redis (every server
 * instance hears every change on the channel) or, without Redis, PostgreSQL. A view that loses its source keeps
 * answering with the last picture it had, marked stale ({@link Freshness}), and catches up by itself once the
 * source is back.
 */
public interface LiveView extends AutoCloseable {

  /** Loads the current picture (waiting a bounded time for the source) and starts following changes. */
  void start();

  /** The latest window of every segment, by segment id. Cheap: from memory. */
  List<StoredStats> segments();

  /** The whole picture. */
  LivePicture picture();

  Freshness freshness();

  /**
   * Calls {@code listener} with each change, on the view's own thread, after the view has applied it.
   *
   * @return what unsubscribes it
   */
  Runnable subscribe(Consumer<LiveChange> listener);

  /** Stops following; the picture stays readable. */
  @Override
  void close();
}
