package io.roadstream.ingest.push;

/**
 * Kafka did not acknowledge every record of a push in time. Some records may be in Kafka nonetheless: the client
 * should send the whole body again later, and the pipeline drops the repeated sensor intervals and positions.
 */
public final class PushUnavailableException extends Exception {

  public PushUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
