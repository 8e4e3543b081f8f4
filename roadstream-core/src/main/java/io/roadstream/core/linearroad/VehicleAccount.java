package io.roadstream.core.linearroad;

import java.io.Serializable;

/**
 * A car's account: the tolls charged so far, and the last charge (so that the balance before it can be told too).
 *
 * @param balance        Σ tolls charged
 * @param charges        number of charges
 * @param lastChargeTime time of the last charge, seconds; meaningless while {@code charges} is 0
 * @param lastCharge     the last toll charged
 */
public record VehicleAccount(long balance, int charges, int lastChargeTime, int lastCharge) implements Serializable {

  public static final VehicleAccount EMPTY = new VehicleAccount(0, 0, 0, 0);
}
