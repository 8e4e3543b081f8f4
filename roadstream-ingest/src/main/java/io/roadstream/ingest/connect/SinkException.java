package io.roadstream.ingest.connect;

/** Records could not be written to Kafka; the connector should not move its position past them. */
public final class SinkException extends RuntimeException {

  public SinkException(String message, Throwable cause) {
    super(message, cause);
  }
}
