package io.roadstream.core.linearroad;

/** A row of a Linear Road file that cannot be read; the message names the row and what is wrong with it. */
public final class LinearRoadFormatException extends RuntimeException {

  public LinearRoadFormatException(String message) {
    super(message);
  }
}
