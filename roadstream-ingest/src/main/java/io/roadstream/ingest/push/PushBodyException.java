package io.roadstream.ingest.push;

/** A pushed body that cannot be split into records at all (empty, or not the JSON its type says); nothing was sent. */
public final class PushBodyException extends Exception {

  public PushBodyException(String message) {
    super(message);
  }
}
