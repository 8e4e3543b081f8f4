package io.roadstream.ingest.simulator;

/**
 * How much of a road's capacity an incident leaves: the Highway Capacity Manual 2010, Exhibit 10-17 ("proportion of
 * freeway segment capacity available under incident conditions"). Drivers slow down to pass a crash site and merge
 * into the lanes left open, so the open lanes carry far less than their own capacity: with two of three lanes
 * blocked, 17 % of the road's capacity gets through, about half of what the one open lane carries normally.
 */
final class IncidentCapacity {

  /** Rows: lanes in one direction, 2..5; columns: lanes blocked, 0..4. Beyond the table: the widest row applies. */
  private static final double[][] SHARE_OF_CAPACITY = {
      {1.00, 0.35, 0.00},
      {1.00, 0.49, 0.17, 0.00},
      {1.00, 0.58, 0.25, 0.13, 0.00},
      {1.00, 0.65, 0.40, 0.20, 0.10},
  };

  private IncidentCapacity() {}

  /** Vehicles per hour that pass an incident blocking {@code lanesBlocked} of {@code lanes} lanes. */
  static double vehPerHour(int lanes, int lanesBlocked, double capacityVehPerHourPerLane) {
    if (lanesBlocked <= 0) {
      return lanes * capacityVehPerHourPerLane;
    }
    if (lanesBlocked >= lanes) {
      return 0;
    }
    if (lanes == 1) {
      return 0;
    }
    double[] row = SHARE_OF_CAPACITY[Math.min(lanes, 5) - 2];
    // a road wider than the table: the blocked lanes' share as on five lanes, interpolated no further
    double share = lanesBlocked < row.length ? row[lanesBlocked] : 0;
    return share * lanes * capacityVehPerHourPerLane;
  }
}
