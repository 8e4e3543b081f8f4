package io.roadstream.ingest.http;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A unit an API reports a value in, and how it becomes roadstream's SI-based unit for its kind of quantity: speeds
 * in km/h, lengths in metres, durations in seconds, shares as a fraction 0..1, angles in degrees, counts per
 * interval. US units are converted here, at the edge, once.
 */
enum Unit {
  KM_PER_H("km/h", Quantity.SPEED, 1),
  MPH("mph", Quantity.SPEED, 1.609344),
  M_PER_S("m/s", Quantity.SPEED, 3.6),
  M("m", Quantity.LENGTH, 1),
  KM("km", Quantity.LENGTH, 1000),
  FT("ft", Quantity.LENGTH, 0.3048),
  MI("mi", Quantity.LENGTH, 1609.344),
  S("s", Quantity.DURATION, 1),
  MIN("min", Quantity.DURATION, 60),
  MS("ms", Quantity.DURATION, 0.001),
  FRACTION("fraction", Quantity.SHARE, 1),
  PERCENT("percent", Quantity.SHARE, 0.01),
  DEG("deg", Quantity.ANGLE, 1),
  COUNT("count", Quantity.COUNT, 1),
  /** A rate: becomes the number of vehicles in the reading's interval. */
  VEH_PER_H("veh/h", Quantity.COUNT, Double.NaN);

  /** What a value measures; a field accepts only the units of its quantity. */
  enum Quantity { SPEED, LENGTH, DURATION, SHARE, ANGLE, COUNT, NONE }

  private final String symbol;
  private final Quantity quantity;
  private final double factor;

  Unit(String symbol, Quantity quantity, double factor) {
    this.symbol = symbol;
    this.quantity = quantity;
    this.factor = factor;
  }

  String symbol() {
    return symbol;
  }

  Quantity quantity() {
    return quantity;
  }

  /** @param intervalSeconds the reading's interval, which a rate (veh/h) is counted over */
  double toInternal(double value, int intervalSeconds) {
    return this == VEH_PER_H ? value * intervalSeconds / 3600.0 : value * factor;
  }

  static Optional<Unit> of(String symbol) {
    return Arrays.stream(values()).filter(u -> u.symbol.equals(symbol)).findFirst();
  }

  static List<String> symbols(Quantity quantity) {
    return Arrays.stream(values()).filter(u -> u.quantity == quantity).map(Unit::symbol).toList();
  }
}
