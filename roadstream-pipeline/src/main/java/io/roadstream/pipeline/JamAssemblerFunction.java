package io.roadstream.pipeline;

import io.roadstream.core.congestion.CongestionEvent;
import io.roadstream.core.congestion.JamAssembler;
import io.roadstream.core.congestion.JamBoard;
import io.roadstream.core.network.RoadNetwork;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Assembles jams from segments flipping state. Jams span segments, so this sees the whole network: it is keyed by
 * the network's name, one key. The input is one record per segment flip — a few per minute — so one task is plenty.
 * The flips come from parallel tasks, and are applied in event time order ({@link EventTimeBuffer}) so that a
 * replay joins the same segments into the same jams as live traffic does.
 */
public final class JamAssemblerFunction extends KeyedProcessFunction<String, SegmentCongestionChange, CongestionEvent> {

  private final RoadNetwork network;
  private transient JamAssembler assembler;
  private transient ValueState<JamBoard> board;
  private transient EventTimeBuffer<SegmentCongestionChange> waiting;

  public JamAssemblerFunction(RoadNetwork network) {
    this.network = network;
  }

  @Override
  public void open(OpenContext context) {
    assembler = new JamAssembler(network);
    board = getRuntimeContext().getState(new ValueStateDescriptor<>("jams", JamBoard.class));
    waiting = new EventTimeBuffer<>(getRuntimeContext(), "waiting-changes",
        TypeInformation.of(SegmentCongestionChange[].class), SegmentCongestionChange[]::new);
  }

  @Override
  public void processElement(SegmentCongestionChange change, Context ctx, Collector<CongestionEvent> out)
      throws Exception {
    if (!waiting.hold(ctx.timestamp(), change, ctx.timerService())) {
      apply(change, out);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<CongestionEvent> out) throws Exception {
    for (SegmentCongestionChange change : waiting.release(timestamp)) {
      apply(change, out);
    }
  }

  private void apply(SegmentCongestionChange change, Collector<CongestionEvent> out) throws Exception {
    JamBoard current = board.value() == null ? JamBoard.EMPTY : board.value();
    JamAssembler.Result result = assembler.apply(current, change.congested(), change.window());
    board.update(result.board());
    result.events().forEach(out::collect);
  }
}
