package io.roadstream.core.event;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * A record that could not be used, kept with its original bytes, where it came from and why, so that a person can
 * read the reason and replay the record once it is fixed.
 *
 * <p>A dead letter must itself fit in a Kafka record (1 MB by default) whatever arrived: a payload longer than
 * {@link #MAX_PAYLOAD_BYTES} keeps only its first bytes and a key longer than {@link #MAX_KEY_CHARS} its first
 * characters, and the reason then ends with the original sizes. The original stays in the source topic at
 * {@code sourceTopic/partition/offset}.
 *
 * @param payload    the original bytes, or their first {@link #MAX_PAYLOAD_BYTES}
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

  /** 64 KiB: enough to see what a record was, small enough that its dead letter is a fraction of Kafka's limit. */
  public static final int MAX_PAYLOAD_BYTES = 64 * 1024;

  /** Record keys are ids in practice; a longer one is kept in part, like a payload. */
  public static final int MAX_KEY_CHARS = 1024;

  public DeadLetter {
    if (payload != null && payload.length > MAX_PAYLOAD_BYTES) {
      reason = reason + " [payload truncated to its first " + MAX_PAYLOAD_BYTES + " of " + payload.length
          + " bytes]";
      payload = Arrays.copyOf(payload, MAX_PAYLOAD_BYTES);
    }
    if (key != null && key.length() > MAX_KEY_CHARS) {
      reason = reason + " [key truncated to its first " + MAX_KEY_CHARS + " of " + key.length() + " characters]";
      // never split a surrogate pair: half a character cannot be written as JSON
      key = key.substring(0, Character.isHighSurrogate(key.charAt(MAX_KEY_CHARS - 1)) ? MAX_KEY_CHARS - 1
          : MAX_KEY_CHARS);
    }
  }

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
