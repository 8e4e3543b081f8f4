package io.roadstream.pipeline.linearroad;

import io.roadstream.core.linearroad.AccountBalanceProcessor;
import io.roadstream.core.linearroad.AccountBalanceQuery;
import io.roadstream.core.linearroad.TollCharge;
import io.roadstream.core.linearroad.VehicleAccount;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per vehicle (key: VID): its account, charged with the tolls of {@link ExpresswayDirectionFunction}, and the answers
 * to its balance queries, as the validator's CSV rows (type 2). Core decides ({@link AccountBalanceProcessor}).
 *
 * <p>Charges and queries reach this operator by different paths, so neither order nor the relative order of the two
 * is known. Both wait in state for the event-time timer of their second: when the watermark passes t, every charge at
 * or before t has arrived, so the timer for t applies the charges up to t in time order and then answers the queries
 * of t. This holds at any parallelism. Nothing but the account stays in state once its timers fired.
 */
public final class AccountBalanceFunction
    extends KeyedCoProcessFunction<Integer, AccountBalanceQuery, TollCharge, String> {

  private static final Comparator<TollCharge> BY_TIME = Comparator.comparingInt(TollCharge::time);

  private transient AccountBalanceProcessor processor;
  private transient ValueState<VehicleAccount> account;
  private transient ListState<TollCharge> pendingCharges;
  private transient ListState<AccountBalanceQuery> pendingQueries;

  @Override
  public void open(OpenContext context) {
    processor = new AccountBalanceProcessor();
    account = getRuntimeContext().getState(new ValueStateDescriptor<>("account", VehicleAccount.class));
    pendingCharges = getRuntimeContext().getListState(new ListStateDescriptor<>("pending-charges", TollCharge.class));
    pendingQueries = getRuntimeContext().getListState(
        new ListStateDescriptor<>("pending-queries", AccountBalanceQuery.class));
  }

  @Override
  public void processElement1(AccountBalanceQuery query, Context ctx, Collector<String> out) throws Exception {
    pendingQueries.add(query);
    ctx.timerService().registerEventTimeTimer(query.time() * 1000L);
  }

  @Override
  public void processElement2(TollCharge charge, Context ctx, Collector<String> out) throws Exception {
    pendingCharges.add(charge);
    ctx.timerService().registerEventTimeTimer(charge.time() * 1000L);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out) throws Exception {
    VehicleAccount current = account.value();
    List<TollCharge> charges = new ArrayList<>();
    pendingCharges.get().forEach(charges::add);
    if (!charges.isEmpty()) {
      charges.sort(BY_TIME);
      List<TollCharge> later = new ArrayList<>();
      for (TollCharge charge : charges) {
        if (charge.time() * 1000L <= timestamp) {
          current = processor.charge(current, charge);
        } else {
          later.add(charge);
        }
      }
      account.update(current);
      update(pendingCharges, later);
    }
    List<AccountBalanceQuery> laterQueries = new ArrayList<>();
    boolean answered = false;
    for (AccountBalanceQuery query : pendingQueries.get()) {
      if (query.time() * 1000L <= timestamp) {
        out.collect(processor.answer(current, query).toCsv());
        answered = true;
      } else {
        laterQueries.add(query);
      }
    }
    if (answered) {
      update(pendingQueries, laterQueries);
    }
  }

  private static <T> void update(ListState<T> state, List<T> values) throws Exception {
    if (values.isEmpty()) {
      state.clear();
    } else {
      state.update(values);
    }
  }
}
