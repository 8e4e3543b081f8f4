package io.roadstream.core.event;

/** Why a record went to the dead letters. Stable names: they are metrics labels and API values. */
public enum DeadLetterReason {
  /** Not parseable as the expected format (bytes that are not JSON, truncated documents). */
  MALFORMED,
  /** Parseable, but a field is missing, of the wrong type or out of its plausible range. */
  INVALID,
  /** Refers to a sensor or segment that the road network does not have. */
  UNKNOWN_REFERENCE,
  /** Arrived after its window was final (beyond the allowed lateness). */
  LATE,
  /**
   * Not later than an event already accepted from the same source (sensor, vehicle, report): a repeated interval,
   * or the source's clock went back. Counting it would double a measurement or run a vehicle backwards in time.
   */
  OUT_OF_ORDER,
  /** Valid, but a receiver outside roadstream (a webhook) refused or missed every delivery attempt. */
  UNDELIVERABLE
}
