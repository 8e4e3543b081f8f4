package io.roadstream.pipeline.linearroad;

import io.roadstream.core.event.DeadLetter;
import io.roadstream.core.linearroad.AccountBalanceQuery;
import io.roadstream.core.linearroad.DailyExpenditureQuery;
import io.roadstream.core.linearroad.PositionReport;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Sends position reports on, and balance queries, expenditure queries and dead letters to their side outputs. */
public final class LinearRoadRowSplitter extends ProcessFunction<LinearRoadRow, PositionReport> {

  public static final OutputTag<AccountBalanceQuery> BALANCE_QUERIES = new OutputTag<>("balance-queries") { };
  public static final OutputTag<DailyExpenditureQuery> EXPENDITURE_QUERIES =
      new OutputTag<>("expenditure-queries") { };
  public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("linear-road-dead-letters") { };

  @Override
  public void processElement(LinearRoadRow row, Context ctx, Collector<PositionReport> out) {
    if (row.position() != null) {
      out.collect(row.position());
    } else if (row.balanceQuery() != null) {
      ctx.output(BALANCE_QUERIES, row.balanceQuery());
    } else if (row.expenditureQuery() != null) {
      ctx.output(EXPENDITURE_QUERIES, row.expenditureQuery());
    } else {
      ctx.output(DEAD_LETTERS, row.deadLetter());
    }
  }
}
