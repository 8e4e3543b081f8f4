package io.roadstream.pipeline;

import io.roadstream.core.detector.StationPair;
import io.roadstream.core.event.SensorReading;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.network.Segment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Sends each detector reading — its occupancy and its flow as a share of its road's capacity — to the station pairs
 * it belongs to: as the downstream station of one pair and the
 * upstream station of the next. Readings of detectors in no pair (signalised roads) go nowhere.
 */
public final class StationPairRouter implements FlatMapFunction<SensorReading, PairOccupancy> {

  private final Map<String, List<StationPair>> asUpstream = new HashMap<>();
  private final Map<String, List<StationPair>> asDownstream = new HashMap<>();
  private final Map<String, Double> capacityVehPerHour = new HashMap<>();

  public StationPairRouter(RoadNetwork network, List<StationPair> pairs) {
    for (Segment segment : network.segments()) {
      capacityVehPerHour.put(segment.id(), segment.lanes() * segment.capacityVehPerHourPerLane());
    }
    for (StationPair pair : pairs) {
      asUpstream.computeIfAbsent(pair.upstreamDetectorId(), k -> new ArrayList<>()).add(pair);
      asDownstream.computeIfAbsent(pair.downstreamDetectorId(), k -> new ArrayList<>()).add(pair);
    }
  }

  @Override
  public void flatMap(SensorReading reading, Collector<PairOccupancy> out) {
    long end = reading.time() + reading.intervalSeconds() * 1000L;
    Double flow = reading.vehicleCount() == null ? null : reading.vehicleCount() * 3600.0 / reading.intervalSeconds();
    for (StationPair pair : asUpstream.getOrDefault(reading.sensorId(), List.of())) {
      out.collect(new PairOccupancy(pair.key(), true, reading.time(), end, reading.occupancy(),
          flow == null ? null : flow / capacityVehPerHour.get(pair.upstreamSegmentId())));
    }
    for (StationPair pair : asDownstream.getOrDefault(reading.sensorId(), List.of())) {
      out.collect(new PairOccupancy(pair.key(), false, reading.time(), end, reading.occupancy(),
          flow == null ? null : flow / capacityVehPerHour.get(pair.downstreamSegmentId())));
    }
  }
}
