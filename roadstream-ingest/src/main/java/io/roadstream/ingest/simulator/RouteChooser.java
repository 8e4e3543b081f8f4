package io.roadstream.ingest.simulator;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Picks the segment a vehicle turns into at the end of its segment: at random, but most traffic stays on the road it
 * is on (same road name), as it does at real junctions. On a ring road a driver who has come half-way round takes the
 * next exit: the other way round would have been shorter, so nobody's trip goes further; without this, the ring's
 * traffic would circle lap after lap and fill it. {@code null} means the vehicle leaves the network.
 */
final class RouteChooser {

  /** Weight of continuing on the same road against 1 for each turn: on the motorway ~82 % go straight on. */
  static final double STAY_ON_ROAD_WEIGHT = 9.0;

  private final RingRoads rings;

  RouteChooser(RingRoads rings) {
    this.rings = rings;
  }

  /**
   * @param metresOnRoad how far the vehicle has driven on {@code from}'s road up to the end of {@code from}
   */
  SegmentState next(SegmentState from, double metresOnRoad, SplittableRandom random) {
    List<SegmentState> options = from.downstream;
    if (options.isEmpty()) {
      return null;
    }
    if (options.size() == 1) {
      return options.get(0);
    }
    boolean leaving = rings.halfWayRound(from.segment.name(), metresOnRoad);
    double total = 0;
    for (SegmentState option : options) {
      total += weight(from, option, leaving);
    }
    double pick = random.nextDouble() * total;
    for (SegmentState option : options) {
      pick -= weight(from, option, leaving);
      if (pick < 0) {
        return option;
      }
    }
    return options.get(options.size() - 1);
  }

  /**
   * Like {@link #next}, among the downstream segments that accept a vehicle now; {@code null} if none does. Half-way
   * round a ring with every exit full, a driver goes on round rather than stand.
   */
  SegmentState nextAccepting(SegmentState from, double metresOnRoad, SplittableRandom random) {
    SegmentState next = nextAccepting(from, rings.halfWayRound(from.segment.name(), metresOnRoad), random);
    return next != null ? next : nextAccepting(from, false, random);
  }

  private SegmentState nextAccepting(SegmentState from, boolean leaving, SplittableRandom random) {
    double total = 0;
    for (SegmentState option : from.downstream) {
      total += option.accepts() ? weight(from, option, leaving) : 0;
    }
    if (total == 0) {
      return null;
    }
    double pick = random.nextDouble() * total;
    SegmentState last = null;
    for (SegmentState option : from.downstream) {
      if (option.accepts()) {
        last = option;
        pick -= weight(from, option, leaving);
        if (pick < 0) {
          return option;
        }
      }
    }
    return last;
  }

  private static double weight(SegmentState from, SegmentState to, boolean leavingTheRoad) {
    if (from.segment.name().equals(to.segment.name())) {
      return leavingTheRoad ? 0.0 : STAY_ON_ROAD_WEIGHT;
    }
    return 1.0;
  }
}
