package io.roadstream.pipeline.linearroad;

import io.roadstream.core.event.DeadLetter;
import io.roadstream.core.linearroad.AccountBalanceQuery;
import io.roadstream.core.linearroad.PositionReport;
import io.roadstream.core.linearroad.TollCharge;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The Linear Road dataflow, shared by {@link LinearRoadJob} and the tests: parsed rows come in (with timestamps and
 * watermarks from {@link #watermarks}), the answers as the validator's CSV rows and the dead letters go out, and the
 * caller attaches the sinks.
 *
 * <pre>
 * rows ─ split ─ position reports ─ keyBy (xway, dir) ─ expressway-direction ─ tolls, alerts
 *          │                                              └ charges ─┐
 *          ├ balance queries ─────────────────── keyBy VID ─ account ─ balances
 *          ├ expenditure queries ─ toll history ─ daily expenditures
 *          └ dead letters
 * </pre>
 */
public final class LinearRoadWorkflow {

  /** The answers (types 0, 1, 2, 3 as CSV rows, in no global order) and the rows that could not be used. */
  public record Outputs(DataStream<String> answers, DataStream<DeadLetter> deadLetters) {}

  /** @param tollHistoryFile the history daily-expenditure queries are answered from, read by every task */
  public record Settings(String tollHistoryFile) {
    public Settings {
      Objects.requireNonNull(tollHistoryFile, "tollHistoryFile");
    }
  }

  private LinearRoadWorkflow() {}

  /**
   * Event time is the row's Time with no out-of-orderness: the benchmark's input is time-ordered and read from one
   * partition. Idleness lets the source subtasks that hold no partition stop holding the watermark back.
   */
  public static WatermarkStrategy<LinearRoadRow> watermarks(Duration idleness) {
    return WatermarkStrategy.<LinearRoadRow>forMonotonousTimestamps()
        .withTimestampAssigner((row, kafkaTimestamp) -> row.eventTime())
        .withIdleness(idleness);
  }

  public static Outputs define(DataStream<LinearRoadRow> rows, Settings settings) {
    // At the input's parallelism, so that the rows stay in their partition's order: a rebalance here would interleave
    // the reports of one expressway-direction and break the processor's time-order contract.
    SingleOutputStreamOperator<PositionReport> positions = rows
        .process(new LinearRoadRowSplitter())
        .setParallelism(rows.getParallelism())
        .name("split linear road rows").uid("lr-split-rows");

    SingleOutputStreamOperator<String> tollsAndAlerts = positions
        .keyBy(ExpresswayDirectionFunction::key, Types.INT)
        .process(new ExpresswayDirectionFunction())
        .name("expressway-direction tolls and accidents").uid("lr-expressway-direction");

    DataStream<TollCharge> charges = tollsAndAlerts.getSideOutput(ExpresswayDirectionFunction.CHARGES);
    DataStream<AccountBalanceQuery> balanceQueries = positions.getSideOutput(LinearRoadRowSplitter.BALANCE_QUERIES);
    DataStream<String> balances = balanceQueries
        .connect(charges)
        .keyBy(AccountBalanceQuery::vid, TollCharge::vid, Types.INT)
        .process(new AccountBalanceFunction())
        .name("account balances").uid("lr-account-balances");

    DataStream<String> expenditures = positions.getSideOutput(LinearRoadRowSplitter.EXPENDITURE_QUERIES)
        .process(new DailyExpenditureFunction(settings.tollHistoryFile()))
        .name("daily expenditures").uid("lr-daily-expenditures");

    return new Outputs(tollsAndAlerts.union(balances, expenditures),
        positions.getSideOutput(LinearRoadRowSplitter.DEAD_LETTERS));
  }
}
