package io.roadstream.core.linearroad;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs Linear Road sequentially over a time-ordered input: position reports go to the state of their
 * expressway-direction, tolls charged go to the car's account, queries are answered. It wires the same pieces a
 * streaming job runs in keyed operators ({@link ExpresswayDirectionProcessor} keyed by (xway, dir),
 * {@link AccountBalanceProcessor} keyed by VID, {@link TollHistory}), and serves as their reference.
 *
 * <p>Queries are held until the input moves past their second, as the validator does: a balance at time t then
 * includes every toll charged at t, whichever order the rows of that second came in. Not thread-safe.
 */
public final class LinearRoadEngine {

  private final ExpresswayDirectionProcessor expressways = new ExpresswayDirectionProcessor();
  private final AccountBalanceProcessor accounts = new AccountBalanceProcessor();
  private final TollHistory tollHistory;

  private final Map<Integer, InMemoryExpresswayState> expresswayStates = new HashMap<>();
  private final Map<Integer, VehicleAccount> vehicleAccounts = new HashMap<>();
  private final List<LinearRoadInput> pendingQueries = new ArrayList<>();
  private int time = -1;

  public LinearRoadEngine(TollHistory tollHistory) {
    this.tollHistory = tollHistory;
  }

  /**
   * Processes one input row, passing the answers it completes to {@code out}.
   *
   * @throws IllegalArgumentException if the row is older than the previous one
   */
  public void accept(LinearRoadInput input, Consumer<? super LinearRoadAnswer> out) {
    if (input.time() < time) {
      throw new IllegalArgumentException("input must be time-ordered: " + input + " after time " + time);
    }
    if (input.time() > time) {
      answerPendingQueries(out);
      time = input.time();
    }
    if (input instanceof PositionReport r) {
      ExpresswayState state = expresswayStates.computeIfAbsent(r.xway() * 2 + r.dir(),
          k -> new InMemoryExpresswayState());
      PositionOutcome outcome = expressways.process(state, r);
      outcome.answers().forEach(out);
      if (outcome.charge() != null) {
        vehicleAccounts.put(r.vid(), accounts.charge(vehicleAccounts.get(r.vid()), outcome.charge()));
      }
    } else {
      pendingQueries.add(input);
    }
  }

  /** Answers the queries still held; call once at the end of the input. */
  public void finish(Consumer<? super LinearRoadAnswer> out) {
    answerPendingQueries(out);
  }

  private void answerPendingQueries(Consumer<? super LinearRoadAnswer> out) {
    for (LinearRoadInput query : pendingQueries) {
      if (query instanceof AccountBalanceQuery q) {
        out.accept(accounts.answer(vehicleAccounts.get(q.vid()), q));
      } else if (query instanceof DailyExpenditureQuery q) {
        tollHistory.answer(q).ifPresent(out);
      }
    }
    pendingQueries.clear();
  }
}
