package io.roadstream.ingest.connect;

/**
 * Where a connector hands what it read. Events go to their raw topic, rejected records to the dead letters with the
 * connector's name and the reason. {@link #accept} blocks while the sink's buffer is full (the broker is down or
 * slow), so a source waits rather than drops; {@link #flush} returns once everything accepted is durably in Kafka.
 * A connector that keeps a position (a file offset, an API's high-water mark) saves it only after a flush, so a
 * restart neither skips nor repeats.
 */
public interface EventSink {

  void accept(SourceRecord record) throws InterruptedException;

  /**
   * Waits until every record accepted so far is acknowledged by all in-sync replicas.
   *
   * @throws SinkException if one of them could not be written
   */
  void flush() throws InterruptedException;
}
