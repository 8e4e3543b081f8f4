package io.roadstream.ingest.simulator;

import io.roadstream.core.network.Segment;
import io.roadstream.core.traffic.Greenshields;
import java.util.ArrayList;
import java.util.List;

/**
 * The traffic on one segment: its vehicles (front-most first), the lane closures in force on it, and how much it may
 * still let out. Speed follows Greenshields from the segment's density; a vehicle passes a closure only at the
 * capacity of the lanes open there, and leaves only while the segment's outflow capacity allows it and the next
 * segment has room, so a bottleneck grows a queue that spills back upstream.
 */
final class SegmentState {

  /** Below this a vehicle is still creeping forward; a true standstill only happens in a queue. */
  static final double FLOOR_SPEED_KMH = 3.0;

  final Segment segment;
  final SegmentGeometry geometry;
  final Greenshields model;
  final List<DetectorCounter> detectors = new ArrayList<>();
  final List<SegmentState> downstream = new ArrayList<>();
  /** Front-most first. */
  final List<Vehicle> vehicles = new ArrayList<>();
  /** Vehicles that crossed into this segment during the current step; they join after every segment has moved. */
  final List<Vehicle> arrivals = new ArrayList<>();
  /** Closures in force this step, set by the incidents on the segment. */
  final List<LaneClosure> closures = new ArrayList<>();
  /** Vehicles the segment may still let out; refilled at capacity, so outflow never exceeds it. */
  private double exitCredit;
  /** Vehicles that may enter in this step: room side by side at the start, and below jam density. */
  private int room;

  SegmentState(Segment segment) {
    this.segment = segment;
    this.geometry = new SegmentGeometry(segment);
    this.model = Greenshields.forCapacity(segment.freeFlowKmh(), segment.capacityVehPerHourPerLane());
    this.room = segment.lanes();
  }

  String id() {
    return segment.id();
  }

  int lanes() {
    return segment.lanes();
  }

  int vehicleCount() {
    return vehicles.size() + arrivals.size();
  }

  /** Vehicles per km per lane. */
  double density() {
    return vehicleCount() / (segment.lengthKm() * lanes());
  }

  /**
   * Spillback: a vehicle may enter only while the segment is below jam density and a queue standing on it leaves room
   * at its start. A queue behind a closure fills only the road upstream of it, well before the whole segment is full.
   * The room is taken as it was when the step began, so every segment feeding this one sees the same room whatever
   * order the segments move in, and a place freed during a step is taken in the next; within a step the first to move
   * takes it (in the bundled network's order, the motorway before the ring's slip roads).
   */
  boolean accepts() {
    return arrivals.size() < room;
  }

  /** Vehicles within one jam spacing of the segment's start, where the next one would enter. */
  private int vehiclesAtStart() {
    double spacing = jamSpacingM();
    int n = 0;
    for (int i = vehicles.size() - 1; i >= 0 && vehicles.get(i).offsetM < spacing; i--) {
      n++;
    }
    return n;
  }

  /** Greenshields speed at the segment's density (all vehicles on it), floored at a crawl. */
  double speedKmh() {
    return Math.max(FLOOR_SPEED_KMH, model.speedKmh(density()));
  }

  /**
   * Greenshields speed of the vehicles that are not standing in the queue: the density of the road between the
   * segment's start and the queue's tail. Counting the queue in would make the free road ahead of a dissolving queue
   * look jammed, and the queue would then discharge at a crawl instead of at capacity.
   */
  double runningSpeedKmh() {
    int lanes = lanes();
    int queued = 0;
    for (int i = 0; i < vehicles.size(); i++) {
      if (vehicles.get(i).queued) {
        queued++;
      }
    }
    double length = segment.lengthM();
    double runningM = Math.max(length - queued * jamSpacingM() / lanes, 0.1 * length);
    double density = (vehicleCount() - queued) / (runningM / 1000.0 * lanes);
    return Math.max(FLOOR_SPEED_KMH, model.speedKmh(density));
  }

  /** Distance between consecutive vehicles of one lane standing in a queue. */
  double jamSpacingM() {
    return 1000.0 / model.jamDensityVehPerKmLane();
  }

  /** A lane a vehicle entering now drives in (lane 1 is the rightmost). */
  int laneFor(double random01) {
    return 1 + Math.min(lanes() - 1, (int) (random01 * lanes()));
  }

  /** Before anything moves in a step: what may pass the closures, leave, and enter during it. */
  void startStep(double dtS) {
    double atJamDensity = model.jamDensityVehPerKmLane() * segment.lengthKm() * lanes();
    int belowJamDensity = (int) Math.ceil(atJamDensity) - vehicleCount();
    room = Math.max(0, Math.min(lanes() - vehiclesAtStart(), belowJamDensity));
    for (int i = 0; i < closures.size(); i++) {
      closures.get(i).refill(dtS);
    }
    double perSecond = lanes() * segment.capacityVehPerHourPerLane() / 3600.0;
    // a short burst is fine (vehicles bunch), but credit must not pile up while the road is empty
    exitCredit = Math.min(exitCredit + perSecond * dtS, Math.max(1.0, lanes()));
  }

  boolean mayLetOut() {
    return exitCredit >= 1.0;
  }

  void letOut() {
    exitCredit -= 1.0;
  }

  void observe(double fromM, double toM, double dtS, double speedKmh) {
    for (int i = 0; i < detectors.size(); i++) {
      detectors.get(i).observe(fromM, toM, dtS, speedKmh);
    }
  }

  /** Arrivals join at the segment's start, behind everyone already on it. */
  void admitArrivals() {
    vehicles.addAll(arrivals);
    arrivals.clear();
  }

  /** Re-establishes front-most-first order after vehicles overtook in other lanes. Nearly sorted: insertion sort. */
  void sortByOffset() {
    for (int i = 1; i < vehicles.size(); i++) {
      Vehicle v = vehicles.get(i);
      int j = i - 1;
      while (j >= 0 && vehicles.get(j).offsetM < v.offsetM) {
        vehicles.set(j + 1, vehicles.get(j));
        j--;
      }
      vehicles.set(j + 1, v);
    }
  }
}
