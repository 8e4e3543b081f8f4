package io.roadstream.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.roadstream.core.codec.EventCodec;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DeadLetterTest {

  private static final long T = 1_795_000_000_000L;

  @Test
  void keepsTheFirst64KiBOfAHugePayloadAndSaysHowBigItWas() {
    byte[] huge = new byte[10 * 1024 * 1024];
    Arrays.fill(huge, (byte) 'x');

    DeadLetter d = new DeadLetter("t", 0, 7, "k", huge, DeadLetterReason.INVALID, "field 'sensorId': too long", T);

    assertThat(d.payload()).hasSize(65_536).isEqualTo(Arrays.copyOf(huge, 65_536));
    assertThat(d.reason()).isEqualTo("field 'sensorId': too long [payload truncated to its first 65536 of 10485760 bytes]");
  }

  @Test
  void aPayloadOfExactlyTheLimitIsKeptWhole() {
    byte[] limit = new byte[DeadLetter.MAX_PAYLOAD_BYTES];

    DeadLetter d = new DeadLetter("t", 0, 7, null, limit, DeadLetterReason.MALFORMED, "bad", T);

    assertThat(d.payload()).hasSize(DeadLetter.MAX_PAYLOAD_BYTES);
    assertThat(d.reason()).isEqualTo("bad");
  }

  @Test
  void aHugeDeadLetterStillFitsInAKafkaRecord() {
    DeadLetter d = new DeadLetter("t", 0, 7, "k".repeat(5_000_000), new byte[10 * 1024 * 1024],
        DeadLetterReason.MALFORMED, "bad", T);

    // Kafka's default max.request.size and message.max.bytes are about 1 MB
    assertThat(new EventCodec().encode(d).length).isLessThan(200_000);
    assertThat(d.key()).hasSize(1024);
    assertThat(d.reason()).endsWith("[key truncated to its first 1024 of 5000000 characters]");
  }

  @Test
  void doesNotSplitACharacterOfALongKey() {
    String key = "k".repeat(1023) + "\uD83D\uDE97".repeat(10); // a car emoji is two chars, the first at 1023

    DeadLetter d = new DeadLetter("t", 0, 7, key, new byte[0], DeadLetterReason.MALFORMED, "bad", T);

    assertThat(d.key()).isEqualTo("k".repeat(1023));
  }
}
