package io.roadstream.core.codec;

import io.roadstream.core.event.DeadLetterReason;

/** A record that cannot become an event; the message is the reason a person reads in the dead letters. */
public final class DecodeException extends Exception {

  private final DeadLetterReason reason;

  public DecodeException(DeadLetterReason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public DeadLetterReason reason() {
    return reason;
  }
}
