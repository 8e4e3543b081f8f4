package io.roadstream.ingest.connect;

/**
 * One configured source of traffic data: an API poller, an MQTT subscription, a file replay. The
 * {@link ConnectorRuntime} runs it on its own thread and, when {@link #run} throws, runs it again after a backoff.
 */
public interface Connector {

  /** The configured name: the dead letters' source, the metrics' label, the name in logs. */
  String name();

  /**
   * Reads and hands every record to {@code sink}: a finite source (a file) returns at its end, an endless one
   * (a poller, a subscription) returns when {@code stop} is set. Throwing means "failed, try again": the runtime
   * waits and calls {@code run} again, so a connector resumes from its last saved position.
   */
  void run(EventSink sink, Stop stop) throws Exception;

  /** Set when the runtime shuts down; connectors check it between records and wait on it instead of sleeping. */
  interface Stop {
    boolean requested();

    /** Waits up to {@code millis} or until stop is requested; returns true if it was. */
    boolean await(long millis) throws InterruptedException;
  }
}
