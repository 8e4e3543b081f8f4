package io.roadstream.core.detector;

import io.roadstream.core.network.Detector;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.network.Segment;
import java.util.ArrayList;
import java.util.List;

/**
 * The station pairs the California tests run on: consecutive detectors along the downstream links of
 * uninterrupted-flow roads (motorways, expressways). On signalised roads a red light builds occupancy upstream and
 * starves the next station every cycle, which the tests cannot tell from an incident, so those roads get no pairs.
 * <ul>
 *   <li>Detectors on one segment pair in order of their offset.</li>
 *   <li>The last detector of a segment pairs with the first detector of the downstream segment of the same road
 *       (the same name: the mainline). Across an interchange the traffic splits or joins, so the two stations of a
 *       pair between two roads count different flows and their occupancies differ for reasons that are no
 *       incident: such pairs raised false alarms at every ring-road interchange of the simulated morning.</li>
 *   <li>A segment without a detector breaks the chain: no pair spans it, because the tests lose their meaning
 *       as station spacing grows and the incident could no longer be placed.</li>
 * </ul>
 */
public final class StationPairs {

  private StationPairs() {}

  /** Every pair of the network, in segment order then offset order. */
  public static List<StationPair> of(RoadNetwork network) {
    List<StationPair> pairs = new ArrayList<>();
    for (Segment segment : network.segments()) {
      if (!segment.roadClass().uninterruptedFlow()) {
        continue;
      }
      List<Detector> here = network.detectorsOn(segment.id());
      for (int i = 1; i < here.size(); i++) {
        pairs.add(pair(here.get(i - 1), here.get(i)));
      }
      if (here.isEmpty()) {
        continue;
      }
      Detector last = here.get(here.size() - 1);
      for (Segment next : network.downstreamOf(segment.id())) {
        if (!next.roadClass().uninterruptedFlow() || !next.name().equals(segment.name())) {
          continue;
        }
        List<Detector> there = network.detectorsOn(next.id());
        if (!there.isEmpty()) {
          pairs.add(pair(last, there.get(0)));
        }
      }
    }
    return List.copyOf(pairs);
  }

  private static StationPair pair(Detector upstream, Detector downstream) {
    return new StationPair(upstream.id(), downstream.id(), upstream.segmentId(), downstream.segmentId());
  }
}
