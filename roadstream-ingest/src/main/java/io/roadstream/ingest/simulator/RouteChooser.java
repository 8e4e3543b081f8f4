package io.roadstream.ingest.simulator;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Picks the segment a vehicle turns into at the end of its segment: at random, but most traffic stays on the road it
 * is on (same road name), as it does at real junctions. {@code null} means the vehicle leaves the network.
 */
final class RouteChooser {

  /** Weight of continuing on the same road against 1 for each turn: on the motorway ~82 % go straight on. */
  static final double STAY_ON_ROAD_WEIGHT = 9.0;

  SegmentState next(SegmentState from, SplittableRandom random) {
    List<SegmentState> options = from.downstream;
    if (options.isEmpty()) {
      return null;
    }
    if (options.size() == 1) {
      return options.get(0);
    }
    double total = 0;
    for (SegmentState option : options) {
      total += weight(from, option);
    }
    double pick = random.nextDouble() * total;
    for (SegmentState option : options) {
      pick -= weight(from, option);
      if (pick < 0) {
        return option;
      }
    }
    return options.get(options.size() - 1);
  }

  /** Like {@link #next}, among the downstream segments that accept a vehicle now; {@code null} if none does. */
  SegmentState nextAccepting(SegmentState from, SplittableRandom random) {
    double total = 0;
    for (SegmentState option : from.downstream) {
      total += option.accepts() ? weight(from, option) : 0;
    }
    if (total == 0) {
      return null;
    }
    double pick = random.nextDouble() * total;
    SegmentState last = null;
    for (SegmentState option : from.downstream) {
      if (option.accepts()) {
        last = option;
        pick -= weight(from, option);
        if (pick < 0) {
          return option;
        }
      }
    }
    return last;
  }

  private static double weight(SegmentState from, SegmentState to) {
    return from.segment.name().equals(to.segment.name()) ? STAY_ON_ROAD_WEIGHT : 1.0;
  }
}
