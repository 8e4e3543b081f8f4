package io.roadstream.ingest.simulator;

import io.roadstream.core.network.Segment;
import io.roadstream.core.traffic.Greenshields;
import java.util.ArrayList;
import java.util.List;

/**
 * The traffic on one segment: its vehicles (front-most first), the lanes open, and how much it may still let out.
 * Speed follows Greenshields from the segment's density; a vehicle leaves only while the segment's outflow capacity
 * allows it and the next segment is not jammed, so a bottleneck grows a queue that spills back upstream.
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
  int blockedLanes;
  /** Vehicles the segment may still let out; refilled at capacity, so outflow never exceeds it. */
  private double exitCredit;

  SegmentState(Segment segment) {
    this.segment = segment;
    this.geometry = new SegmentGeometry(segment);
    this.model = Greenshields.forCapacity(segment.freeFlowKmh(), segment.capacityVehPerHourPerLane());
  }

  String id() {
    return segment.id();
  }

  int openLanes() {
    return Math.max(0, segment.lanes() - blockedLanes);
  }

  int vehicleCount() {
    return vehicles.size() + arrivals.size();
  }

  /** Vehicles per km per open lane; a segment with every lane closed counts as jammed. */
  double density() {
    int open = openLanes();
    return open == 0 ? Double.POSITIVE_INFINITY : vehicleCount() / (segment.lengthKm() * open);
  }

  /** Spillback: a vehicle may enter only while the segment is below jam density. */
  boolean accepts() {
    return density() < model.jamDensityVehPerKmLane();
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
    int open = openLanes();
    if (open == 0) {
      return FLOOR_SPEED_KMH;
    }
    int queued = 0;
    for (int i = 0; i < vehicles.size(); i++) {
      if (vehicles.get(i).queued) {
        queued++;
      }
    }
    double length = segment.lengthM();
    double runningM = Math.max(length - queued * jamSpacingM() / open, 0.1 * length);
    double density = (vehicleCount() - queued) / (runningM / 1000.0 * open);
    return Math.max(FLOOR_SPEED_KMH, model.speedKmh(density));
  }

  /** Distance between consecutive vehicles of one lane standing in a queue. */
  double jamSpacingM() {
    return 1000.0 / model.jamDensityVehPerKmLane();
  }

  /** A lane a vehicle entering now drives in: one of the open lanes (lane 1 is the rightmost; closures start there). */
  int laneFor(double random01) {
    int open = openLanes();
    if (open == 0) {
      return segment.lanes();
    }
    return blockedLanes + 1 + Math.min(open - 1, (int) (random01 * open));
  }

  void refillExitCredit(double dtS) {
    int open = openLanes();
    double perSecond = open * segment.capacityVehPerHourPerLane() / 3600.0;
    // a short burst is fine (vehicles bunch), but credit must not pile up while the road is empty
    exitCredit = Math.min(exitCredit + perSecond * dtS, Math.max(1.0, open));
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
