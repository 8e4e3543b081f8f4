package io.roadstream.core.linearroad;

import java.io.Serializable;

/**
 * The statistics of one segment of one expressway-direction in one simulation minute, from every position report
 * made there in that minute (exit lane included).
 *
 * @param cars     distinct cars that reported (numv for the following minute)
 * @param speedSum Σ reported speeds, mph
 * @param readings number of reports
 */
public record SegmentMinute(int cars, long speedSum, int readings) implements Serializable {

  public static final SegmentMinute EMPTY = new SegmentMinute(0, 0, 0);

  /** Multiplier of Fibonacci hashing: 2^32 / φ, odd. */
  private static final int GOLDEN = 0x9E3779B9;

  /**
   * A map key for (segment, minute), distinct for every pair of ints. Its {@link Long#hashCode} spreads the pairs a
   * state map holds: packing the two plainly would make the hash {@code seg ^ minute}, and the few hundred segment
   * minutes kept per expressway-direction would share a few dozen values (long collision chains, then tree bins, in
   * the state's hash maps). Here the minute half is mixed with a multiplicative hash of the segment; the segment
   * half is kept, so the pair is still recoverable and keys never collide.
   */
  public static long key(int seg, int minute) {
    return ((long) seg << 32) | ((minute ^ (seg * GOLDEN)) & 0xffffffffL);
  }

  /** These statistics with one more report of {@code speed}, from a car not yet counted this minute if {@code newCar}. */
  public SegmentMinute plus(int speed, boolean newCar) {
    return new SegmentMinute(newCar ? cars + 1 : cars, speedSum + speed, readings + 1);
  }
}
