package io.roadstream.ingest.simulator;

/**
 * Lanes closed at one point of a segment, as at a crash site: traffic passes the point only at the capacity the
 * incident leaves ({@link IncidentCapacity}), so a queue forms upstream of the point, across all lanes, and traffic
 * beyond it runs freely. With every lane closed nothing passes.
 */
final class LaneClosure {

  /** A vehicle held at the closure waits this far before it, so that it has not yet passed it. */
  static final double WAIT_BEFORE_M = 0.5;

  final double offsetM;
  private final double passPerSecond;
  private final double burst;
  private double credit;

  /**
   * @param offsetM      where on the segment the lanes are closed, metres from its start
   * @param passVehPerHour how many vehicles an hour get past
   * @param openLanes    lanes still open there: how many may pass side by side in one step
   */
  LaneClosure(double offsetM, double passVehPerHour, int openLanes) {
    // a closure right at the start would let vehicles that enter at offset 0 skip it
    this.offsetM = Math.max(offsetM, 2 * WAIT_BEFORE_M);
    this.passPerSecond = passVehPerHour / 3600.0;
    this.burst = Math.max(1.0, openLanes);
  }

  void refill(double dtS) {
    credit = Math.min(credit + passPerSecond * dtS, burst);
  }

  /** Whether a move from {@code fromM} to {@code toM} goes past the closure. */
  boolean crossedBy(double fromM, double toM) {
    return fromM < offsetM && toM >= offsetM;
  }

  /** Lets one vehicle through if the open lanes have room for it now. */
  boolean tryPass() {
    if (credit < 1.0) {
      return false;
    }
    credit -= 1.0;
    return true;
  }

  /** Where a vehicle that may not pass stops. */
  double holdAtM() {
    return offsetM - WAIT_BEFORE_M;
  }
}
