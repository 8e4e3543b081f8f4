package io.roadstream.pipeline.linearroad;

import io.roadstream.core.linearroad.ExpresswayDirectionProcessor;
import io.roadstream.core.linearroad.LanePosition;
import io.roadstream.core.linearroad.LinearRoadAnswer;
import io.roadstream.core.linearroad.PositionOutcome;
import io.roadstream.core.linearroad.PositionReport;
import io.roadstream.core.linearroad.SegmentAccident;
import io.roadstream.core.linearroad.SegmentMinute;
import io.roadstream.core.linearroad.TollCharge;
import io.roadstream.core.linearroad.VehicleState;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Per expressway-direction (key: xway·2 + dir): feeds each position report to core's
 * {@link ExpresswayDirectionProcessor} over {@link MapState}-backed state, emits the toll notifications and accident
 * alerts as the validator's CSV rows, and the tolls to charge on {@link #CHARGES}, stamped with the report's time.
 * Reports of one key must come in time order: the job keeps the input's partition order up to here.
 */
public final class ExpresswayDirectionFunction extends KeyedProcessFunction<Integer, PositionReport, String> {

  public static final OutputTag<TollCharge> CHARGES = new OutputTag<>("toll-charges") { };

  static final MapStateDescriptor<Integer, VehicleState> VEHICLES =
      new MapStateDescriptor<>("vehicles", Types.INT, TypeInformation.of(VehicleState.class));
  static final MapStateDescriptor<Long, SegmentMinute> SEGMENT_MINUTES =
      new MapStateDescriptor<>("segment-minutes", Types.LONG, TypeInformation.of(SegmentMinute.class));
  static final MapStateDescriptor<LanePosition, StoppedCars> STOPPED = new MapStateDescriptor<>(
      "stopped-vehicles", TypeInformation.of(LanePosition.class), TypeInformation.of(StoppedCars.class));
  static final MapStateDescriptor<Integer, SegmentAccident> ACCIDENTS =
      new MapStateDescriptor<>("accidents", Types.INT, TypeInformation.of(SegmentAccident.class));

  private transient ExpresswayDirectionProcessor processor;
  private transient MapStateExpresswayState state;

  /** The key of a report's expressway-direction, as the engine numbers them. */
  public static int key(PositionReport r) {
    return r.xway() * 2 + r.dir();
  }

  @Override
  public void open(OpenContext context) {
    processor = new ExpresswayDirectionProcessor();
    state = new MapStateExpresswayState(getRuntimeContext().getMapState(VEHICLES),
        getRuntimeContext().getMapState(SEGMENT_MINUTES), getRuntimeContext().getMapState(STOPPED),
        getRuntimeContext().getMapState(ACCIDENTS));
  }

  @Override
  public void processElement(PositionReport report, Context ctx, Collector<String> out) {
    PositionOutcome outcome = processor.process(state, report);
    for (LinearRoadAnswer answer : outcome.answers()) {
      out.collect(answer.toCsv());
    }
    if (outcome.charge() != null) {
      ctx.output(CHARGES, outcome.charge());
    }
  }
}
