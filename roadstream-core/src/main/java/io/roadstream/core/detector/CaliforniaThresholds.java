package io.roadstream.core.detector;

import java.io.Serializable;

/**
 * Thresholds of the California #7 tests, in fractional occupancy (0..1). The defaults are the commonly cited
 * calibration of the California algorithms (T1 = 8 % occupancy, T2 = 0.5, T3 = 20 %; published examples put T3
 * between 20 % and 30 %). They depend on detector type, station spacing, interval length and traffic, and are
 * meant to be calibrated locally against known incidents.
 *
 * @param occupancyDifference         T1: OCCDF = OCC(U) − OCC(D) must reach this
 * @param relativeOccupancyDifference T2: OCCRDF = OCCDF / OCC(U) must reach this to detect and to stay an incident
 * @param downstreamOccupancy         T3: DOCC = OCC(D) must stay below this; a congested downstream station means a
 *                                    bottleneck or a compression wave passing through, not an incident between
 * @param downstreamFlowShare         T4: D's flow over its road's capacity must stay below this. Default 0.75:
 *                                    an incident blocking one lane of three leaves 0.49 of capacity (HCM 2010,
 *                                    Exhibit 10-17), while a discharging queue runs at about 0.85-0.95 of capacity
 *                                    (the capacity drop)
 */
public record CaliforniaThresholds(double occupancyDifference, double relativeOccupancyDifference,
    double downstreamOccupancy, double downstreamFlowShare) implements Serializable {

  public static final CaliforniaThresholds DEFAULT = new CaliforniaThresholds(0.08, 0.5, 0.20, 0.75);

  public CaliforniaThresholds {
    requireFraction("occupancyDifference (T1)", occupancyDifference);
    requireFraction("relativeOccupancyDifference (T2)", relativeOccupancyDifference);
    requireFraction("downstreamOccupancy (T3)", downstreamOccupancy);
    requireFraction("downstreamFlowShare (T4)", downstreamFlowShare);
  }

  private static void requireFraction(String name, double value) {
    // 0 would make every interval of an empty road an incident.
    if (!(value > 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " must be above 0 and at most 1 (fractional occupancy), got "
          + value);
    }
  }
}
