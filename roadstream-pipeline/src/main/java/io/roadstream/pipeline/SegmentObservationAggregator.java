package io.roadstream.pipeline;

import io.roadstream.core.traffic.SegmentObservations;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Folds a segment's events into the sums of core's {@link SegmentObservations}, incrementally. */
public final class SegmentObservationAggregator
    implements AggregateFunction<TrafficEvent, SegmentObservations, SegmentObservations> {

  @Override
  public SegmentObservations createAccumulator() {
    return new SegmentObservations();
  }

  @Override
  public SegmentObservations add(TrafficEvent event, SegmentObservations acc) {
    return event.reading() != null ? acc.add(event.reading()) : acc.add(event.position());
  }

  @Override
  public SegmentObservations getResult(SegmentObservations acc) {
    return acc;
  }

  @Override
  public SegmentObservations merge(SegmentObservations a, SegmentObservations b) {
    return a.merge(b);
  }
}
