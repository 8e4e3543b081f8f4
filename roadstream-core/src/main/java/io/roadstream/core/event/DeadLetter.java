package io.roadstream.core.event;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * A record that could not be used, kept with its original bytes, where it came from and why, so that a person can
 * read the reason and replay the record once it is fixed.
 *
 * @param reason     a readable explanation naming the field at fault
 * @param reasonCode a stable machine-readable category, see {@link DeadLetterReason}
 * @param time       when roadstream rejected it (epoch ms)
 */
public record DeadLetter(
    String sourceTopic,
    int partition,
    long offset,
    String key,
    byte[] payload,
    DeadLetterReason reasonCode,
    String reason,
    long time) implements Serializable {

  @Override
  public boolean equals(Object o) {
    return o instanceof DeadLetter d
        && sourceTopic.equals(d.sourceTopic) && partition == d.partition && offset == d.offset
        && Objects.equals(key, d.key) && Arrays.equals(payload, d.payload)
        && reasonCode == d.reasonCode && reason.equals(d.reason) && time == d.time;
  }

  @Override
  public int hashCode() {
    return Objects.hash(sourceTopic, partition, offset, reasonCode) * 31 + Arrays.hashCode(payload);
  }

  @Override
  public String toString() {
    return "DeadLetter[" + sourceTopic + "-" + partition + "@" + offset + " " + reasonCode + ": " + reason + "]";
  }
}
