package io.roadstream.pipeline.linearroad;

import io.roadstream.core.event.DeadLetter;
import io.roadstream.core.linearroad.AccountBalanceQuery;
import io.roadstream.core.linearroad.DailyExpenditureQuery;
import io.roadstream.core.linearroad.LinearRoadInput;
import io.roadstream.core.linearroad.PositionReport;

/**
 * What the source hands the Linear Road job for each input row: the parsed row, or the dead letter it became.
 * Exactly one field is set. One field per row type rather than a {@link LinearRoadInput} field because Flink would
 * serialize a field of interface type with Kryo, which the job forbids.
 */
public record LinearRoadRow(
    PositionReport position,
    AccountBalanceQuery balanceQuery,
    DailyExpenditureQuery expenditureQuery,
    DeadLetter deadLetter) {

  public static LinearRoadRow of(LinearRoadInput input) {
    if (input instanceof PositionReport r) {
      return new LinearRoadRow(r, null, null, null);
    }
    if (input instanceof AccountBalanceQuery q) {
      return new LinearRoadRow(null, q, null, null);
    }
    return new LinearRoadRow(null, null, (DailyExpenditureQuery) input, null);
  }

  public static LinearRoadRow rejected(DeadLetter deadLetter) {
    return new LinearRoadRow(null, null, null, deadLetter);
  }

  public boolean isDeadLetter() {
    return deadLetter != null;
  }

  /**
   * Event time, ms: the row's Time. A dead letter has none and gets {@link Long#MIN_VALUE}, so that it can never move
   * the watermark.
   */
  public long eventTime() {
    if (position != null) {
      return position.time() * 1000L;
    }
    if (balanceQuery != null) {
      return balanceQuery.time() * 1000L;
    }
    if (expenditureQuery != null) {
      return expenditureQuery.time() * 1000L;
    }
    return Long.MIN_VALUE;
  }
}
