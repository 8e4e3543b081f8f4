package io.roadstream.archive;

import java.util.Arrays;
import java.util.Objects;

/**
 * A raw topic's record that could not be decoded, as the archive keeps it: its value's bytes as they were and why no
 * consumer of the topic can use it (the job sends the same record to the dead letters with the same reason).
 *
 * @param value      the record's value, null for a record without one
 * @param reasonCode a {@link io.roadstream.core.event.DeadLetterReason} name: {@code MALFORMED}, {@code INVALID}, …
 * @param reason     what is wrong with it, naming the field
 */
public record RejectedRecord(byte[] value, String reasonCode, String reason) {

  @Override
  public boolean equals(Object o) {
    return o instanceof RejectedRecord r && Arrays.equals(value, r.value) && reasonCode.equals(r.reasonCode)
        && reason.equals(r.reason);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(value), reasonCode, reason);
  }

  @Override
  public String toString() {
    return "RejectedRecord[" + (value == null ? "no value" : value.length + " bytes") + ", " + reasonCode + ": "
        + reason + "]";
  }
}
