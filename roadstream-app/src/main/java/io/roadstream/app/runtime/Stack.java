package io.roadstream.app.runtime;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Components started in order and closed in reverse, each close attempted even when an earlier one fails. */
public final class Stack implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Stack.class);
  private final Deque<AutoCloseable> started = new ArrayDeque<>();

  public synchronized <T extends AutoCloseable> T push(T component) {
    started.push(component);
    return component;
  }

  /** Runs {@code task} on a named daemon thread and stops it (by closing {@code task}) when the stack closes. */
  public <T extends Runnable & AutoCloseable> T runInBackground(String name, T task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.setUncaughtExceptionHandler((t, e) -> LOG.error("{} failed", t.getName(), e));
    thread.start();
    push(() -> {
      task.close();
      thread.join(10_000);
    });
    return task;
  }

  /** Safe to call twice and from a shutdown hook while the main thread closes too. */
  @Override
  public synchronized void close() {
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        LOG.warn("error while stopping: {}", e.toString());
      }
    }
  }
}
