package io.roadstream.ingest.replay;

/**
 * How fast a replay plays its file: {@code speedFactor} seconds of event time per wall-clock second (1 = real time,
 * 60 = an hour a minute), or 0 for as fast as Kafka takes it. Paced replays keep the gaps between events, so the
 * pipeline sees the traffic unfold as it did.
 */
public record ReplayPacing(double speedFactor) {

  public static final ReplayPacing AS_FAST_AS_POSSIBLE = new ReplayPacing(0);

  public ReplayPacing {
    if (!(speedFactor >= 0) || Double.isInfinite(speedFactor)) {
      throw new IllegalArgumentException("speed must be 0 (as fast as possible) or a positive factor, got "
          + speedFactor);
    }
  }

  /** Parses {@code max}, {@code realtime}, {@code 60}, {@code 60x}. */
  public static ReplayPacing parse(String text) {
    String t = text.trim().toLowerCase(java.util.Locale.ROOT);
    if (t.equals("max")) {
      return AS_FAST_AS_POSSIBLE;
    }
    if (t.equals("realtime") || t.equals("real-time")) {
      return new ReplayPacing(1);
    }
    try {
      return new ReplayPacing(Double.parseDouble(t.endsWith("x") ? t.substring(0, t.length() - 1) : t));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("speed '" + text + "': give max, realtime, or a factor such as 60 or 60x");
    }
  }

  public boolean paced() {
    return speedFactor > 0;
  }

  /**
   * The wall-clock time (ms) at which an event of {@code eventTime} is due, when the first event ({@code
   * firstEventTime}) went out at {@code wallStart}.
   */
  public long dueAt(long wallStart, long firstEventTime, long eventTime) {
    return wallStart + (long) ((eventTime - firstEventTime) / speedFactor);
  }

  @Override
  public String toString() {
    return paced() ? speedFactor + "× real time" : "as fast as possible";
  }
}
