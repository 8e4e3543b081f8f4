package io.roadstream.store.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LiveKeysTest {

  @Test
  void everyNameStartsWithThePrefix() {
    LiveKeys keys = new LiveKeys("rs:test:");
    assertThat(keys.entry(LiveKind.SEGMENT, "main-eb-1")).isEqualTo("rs:test:segment:main-eb-1");
    assertThat(keys.entry(LiveKind.SIGNAL_PLAN, "x-1")).isEqualTo("rs:test:signal-plan:x-1");
    assertThat(keys.index(LiveKind.JAM)).isEqualTo("rs:test:index:jam");
    assertThat(keys.channel()).isEqualTo("rs:test:changes");
    assertThat(keys.pattern()).isEqualTo("rs:test:*");
  }

  @Test
  void kindsAreFoundByTheirWord() {
    for (LiveKind kind : LiveKind.values()) {
      assertThat(LiveKind.ofWord(kind.word())).isEqualTo(kind);
    }
  }

  @Test
  void anEmptyPrefixWouldMakeCleaningUpDeleteEverything() {
    assertThatThrownBy(() -> new LiveKeys("")).isInstanceOf(IllegalArgumentException.class);
  }
}
