package io.roadstream.pipeline.linearroad;

import io.roadstream.core.linearroad.DailyExpenditureQuery;
import io.roadstream.core.linearroad.TollHistory;
import java.nio.file.Path;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Answers daily-expenditure queries (type 3) from the toll history, loaded once per task when it opens. A query the
 * history knows nothing of gets no answer, as from the validator.
 */
public final class DailyExpenditureFunction extends ProcessFunction<DailyExpenditureQuery, String> {

  /** A string, not a {@link Path}: the function is serialized with the job graph, and Path is not Serializable. */
  private final String tollHistoryFile;
  private transient TollHistory history;

  public DailyExpenditureFunction(String tollHistoryFile) {
    this.tollHistoryFile = tollHistoryFile;
  }

  @Override
  public void open(OpenContext context) {
    history = TollHistory.load(Path.of(tollHistoryFile));
  }

  @Override
  public void processElement(DailyExpenditureQuery query, Context ctx, Collector<String> out) {
    history.answer(query).ifPresent(answer -> out.collect(answer.toCsv()));
  }
}
