package io.roadstream.core.linearroad;

/**
 * Linear Road's per-vehicle work: charge tolls to a car's {@link VehicleAccount} and answer its balance queries.
 * The answer is the balance including every toll charged up to the query's time (the validator's type 2; it also
 * accepts the balance before the last charge, type 5).
 *
 * <p>Stateless; the account is passed in and returned (null stands for no account yet), so an operator keyed by VID
 * keeps it in its {@code ValueState}. Ordering contract: a query at time t is answered after every charge with time
 * ≤ t and before any later one — in a streaming job, on the event-time timer or watermark for t, since charges come
 * from the expressway-direction operators while queries come straight from the input.
 */
public final class AccountBalanceProcessor {

  public VehicleAccount charge(VehicleAccount previous, TollCharge charge) {
    VehicleAccount a = previous == null ? VehicleAccount.EMPTY : previous;
    if (charge.time() < a.lastChargeTime()) {
      throw new IllegalArgumentException("charges for car " + charge.vid() + " out of time order: " + charge.time()
          + " after " + a.lastChargeTime());
    }
    return new VehicleAccount(a.balance() + charge.toll(), a.charges() + 1, charge.time(), charge.toll());
  }

  public AccountBalance answer(VehicleAccount account, AccountBalanceQuery query) {
    long balance = account == null ? 0 : account.balance();
    return new AccountBalance(query.time(), query.time(), query.time(), query.qid(), balance);
  }
}
