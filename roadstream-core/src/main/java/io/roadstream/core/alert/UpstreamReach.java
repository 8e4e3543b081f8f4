package io.roadstream.core.alert;

import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.network.Segment;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The segments whose traffic reaches a place within a distance, by the network's links (not by ids): the segment of
 * the place itself and, walking upstream, every segment whose end is less than {@code maxDistanceM} from the place.
 * Where roads join, each branch is followed; the shortest way counts.
 */
public final class UpstreamReach {

  /** A segment upstream of the place, and how far along the road the place is from that segment's start. */
  public record Reached(String segmentId, double distanceM) {}

  private final RoadNetwork network;

  public UpstreamReach(RoadNetwork network) {
    this.network = network;
  }

  /**
   * @param offsetM where on {@code segmentId} the place is, metres from its start
   * @return nearest first; the place's own segment first of all
   */
  public List<Reached> of(String segmentId, double offsetM, double maxDistanceM) {
    Map<String, Double> best = new HashMap<>();
    best.put(segmentId, offsetM);
    Deque<String> todo = new ArrayDeque<>(List.of(segmentId));
    while (!todo.isEmpty()) {
      String id = todo.poll();
      double here = best.get(id);
      if (here >= maxDistanceM) {
        continue; // this segment's start is beyond the reach: the segments behind it are farther still
      }
      for (Segment up : network.upstreamOf(id)) {
        double d = here + up.lengthM();
        if (d < best.getOrDefault(up.id(), Double.MAX_VALUE)) {
          best.put(up.id(), d);
          todo.add(up.id());
        }
      }
    }
    List<Reached> reached = new ArrayList<>();
    best.forEach((id, d) -> reached.add(new Reached(id, d)));
    reached.sort(Comparator.comparingDouble(Reached::distanceM).thenComparing(Reached::segmentId));
    return reached;
  }
}
