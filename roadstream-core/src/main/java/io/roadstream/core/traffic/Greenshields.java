package io.roadstream.core.traffic;

import java.io.Serializable;

/**
 * Greenshields' linear speed–density relation {@code v = vf · (1 − k / kj)}: speed falls linearly from the
 * free-flow speed at density 0 to standstill at the jam density. Flow {@code q = k · v} peaks at
 * {@code qmax = vf · kj / 4} when {@code k = kj / 2}, which is how the jam density is derived from a road's capacity.
 *
 * @param freeFlowKmh            speed of a lone vehicle, km/h
 * @param jamDensityVehPerKmLane density at which traffic stands still, vehicles per km per lane
 */
public record Greenshields(double freeFlowKmh, double jamDensityVehPerKmLane) implements Serializable {

  public Greenshields {
    if (!(freeFlowKmh > 0) || Double.isInfinite(freeFlowKmh)) {
      throw new IllegalArgumentException("freeFlowKmh must be a positive number, got " + freeFlowKmh);
    }
    if (!(jamDensityVehPerKmLane > 0) || Double.isInfinite(jamDensityVehPerKmLane)) {
      throw new IllegalArgumentException("jamDensityVehPerKmLane must be a positive number, got "
          + jamDensityVehPerKmLane);
    }
  }

  /** The relation whose maximum flow equals {@code capacityVehPerHourPerLane}: kj = 4 · capacity / vf. */
  public static Greenshields forCapacity(double freeFlowKmh, double capacityVehPerHourPerLane) {
    if (!(capacityVehPerHourPerLane > 0)) {
      throw new IllegalArgumentException("capacityVehPerHourPerLane must be positive, got "
          + capacityVehPerHourPerLane);
    }
    return new Greenshields(freeFlowKmh, 4 * capacityVehPerHourPerLane / freeFlowKmh);
  }

  /** Speed at a density (veh/km/lane), km/h, within 0..vf; negative or NaN densities count as an empty road. */
  public double speedKmh(double densityVehPerKmLane) {
    if (!(densityVehPerKmLane > 0)) {
      return freeFlowKmh;
    }
    return Math.max(0, freeFlowKmh * (1 - densityVehPerKmLane / jamDensityVehPerKmLane));
  }

  /** Flow at a density, vehicles per hour per lane. */
  public double flowVehPerHourPerLane(double densityVehPerKmLane) {
    double k = Math.max(0, Math.min(densityVehPerKmLane, jamDensityVehPerKmLane));
    return k * speedKmh(k);
  }

  /** The maximum flow, reached at half the jam density, vehicles per hour per lane. */
  public double capacityVehPerHourPerLane() {
    return freeFlowKmh * jamDensityVehPerKmLane / 4;
  }

  /**
   * Speed at which the road carries its capacity, km/h: half the free-flow speed. Slower traffic is on the congested
   * branch of the relation: denser than the road can serve, i.e. queued.
   */
  public double speedAtCapacityKmh() {
    return freeFlowKmh / 2;
  }

  /** Density at which the road carries its capacity, veh/km/lane. */
  public double criticalDensityVehPerKmLane() {
    return jamDensityVehPerKmLane / 2;
  }
}
