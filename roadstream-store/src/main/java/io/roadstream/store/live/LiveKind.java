package io.roadstream.store.live;

import java.util.Arrays;

/** What a live-view entry describes; its {@link #word()} names its keys and tells messages apart. */
public enum LiveKind {
  /** The latest statistics window of one segment. */
  SEGMENT("segment"),
  /** One jam, open until its CLEARED event. */
  JAM("jam"),
  /** One incident, active until its CLEARED event. */
  INCIDENT("incident"),
  /** The signal plan in force at one intersection. */
  SIGNAL_PLAN("signal-plan");

  private final String word;

  LiveKind(String word) {
    this.word = word;
  }

  public String word() {
    return word;
  }

  public static LiveKind ofWord(String word) {
    return Arrays.stream(values()).filter(k -> k.word.equals(word)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no live-view kind '" + word + "'"));
  }
}
