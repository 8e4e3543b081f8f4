package io.roadstream.pipeline;

import io.roadstream.core.congestion.CongestionEvent;
import io.roadstream.core.congestion.JamAssembler;
import io.roadstream.core.congestion.JamBoard;
import io.roadstream.core.network.RoadNetwork;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Assembles jams from segments flipping state. Jams span segments, so this sees the whole network: it is keyed by
 * the network's name, one key. The input is one record per segment flip — a few per minute — so one task is plenty.
 */
public final class JamAssemblerFunction extends KeyedProcessFunction<String, SegmentCongestionChange, CongestionEvent> {

  private final RoadNetwork network;
  private transient JamAssembler assembler;
  private transient ValueState<JamBoard> board;

  public JamAssemblerFunction(RoadNetwork network) {
    this.network = network;
  }

  @Override
  public void open(OpenContext context) {
    assembler = new JamAssembler(network);
    board = getRuntimeContext().getState(new ValueStateDescriptor<>("jams", JamBoard.class));
  }

  @Override
  public void processElement(SegmentCongestionChange change, Context ctx, Collector<CongestionEvent> out)
      throws Exception {
    JamBoard current = board.value() == null ? JamBoard.EMPTY : board.value();
    JamAssembler.Result result = assembler.apply(current, change.congested(), change.window());
    board.update(result.board());
    result.events().forEach(out::collect);
  }
}
