package io.roadstream.ingest.simulator;

/** One simulated vehicle: where it is, how fast it went in the last step, and where it turns next. */
final class Vehicle {

  final String id;
  /** Drivers differ: each drives at this fraction of the speed the traffic allows. */
  final double speedFactor;
  /** Second (modulo the probe interval) at which this vehicle reports, so reports spread over the interval. */
  final int probePhase;

  SegmentState segment;
  double offsetM;
  int lane;
  double speedKmh;
  /** Chosen on entering a segment and kept, so a vehicle waits for its turn instead of dodging a full road. */
  SegmentState next;
  /** Held back by the vehicle ahead (or the segment's end) in the last step: it moves up as soon as there is room. */
  boolean queued;
  /** Metres driven on the current road (segments of the same name) before the current segment. */
  double metresOnRoad;
  /** Seconds spent at the segment's end because the next segment was jammed. */
  int blockedS;

  Vehicle(String id, double speedFactor, int probePhase) {
    this.id = id;
    this.speedFactor = speedFactor;
    this.probePhase = probePhase;
  }
}
