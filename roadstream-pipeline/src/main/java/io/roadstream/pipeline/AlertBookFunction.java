package io.roadstream.pipeline;

import io.roadstream.core.alert.AlertBook;
import io.roadstream.core.event.Alert;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per cause (an incident or a jam): the segments it has alerted, so that a plan that reaches fewer segments withdraws
 * the others. The state goes once the cause alerts no one.
 */
public final class AlertBookFunction extends KeyedProcessFunction<String, AlertPlan, Alert> {

  private transient ValueState<String[]> alerted;

  @Override
  public void open(OpenContext context) {
    alerted = getRuntimeContext().getState(new ValueStateDescriptor<>("alerted", String[].class));
  }

  @Override
  public void processElement(AlertPlan plan, Context ctx, Collector<Alert> out) throws Exception {
    AlertBook.Step step = AlertBook.next(alerted.value(), List.of(plan.alerts()), plan.time());
    step.publish().forEach(out::collect);
    if (step.alerted().length == 0) {
      alerted.clear();
    } else {
      alerted.update(step.alerted());
    }
  }
}
