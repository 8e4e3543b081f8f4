package io.roadstream.ingest.http;

/**
 * A request failed for good: retries exhausted, or an answer that retrying cannot fix (401, 404). Thrown out of
 * {@link HttpPollConnector#run} so that the runtime runs the poller again after its own backoff. The message names
 * the URL without its query, never a header or parameter value.
 */
public final class PollFailedException extends Exception {

  public PollFailedException(String message) {
    super(message);
  }

  public PollFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
