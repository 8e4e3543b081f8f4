package io.roadstream.ingest.simulator;

/** A scenario incident placed on the simulated network: when it is active and who is stopped there. */
final class IncidentState {

  final ScenarioIncident incident;
  final SegmentState segment;
  final long fromS;
  final long toS;
  final String[] stoppedVehicleIds;
  final int[] stoppedProbePhases;
  /** The lanes the incident closes, at its place on the segment. */
  final LaneClosure closure;

  IncidentState(ScenarioIncident incident, SegmentState segment, long fromS, long toS, String[] stoppedVehicleIds,
      int[] stoppedProbePhases) {
    this.incident = incident;
    this.segment = segment;
    this.fromS = fromS;
    this.toS = toS;
    this.stoppedVehicleIds = stoppedVehicleIds;
    this.stoppedProbePhases = stoppedProbePhases;
    int lanes = segment.lanes();
    int blocked = Math.min(incident.lanesBlocked(), lanes);
    this.closure = new LaneClosure(incident.offsetM(),
        IncidentCapacity.vehPerHour(lanes, blocked, segment.segment.capacityVehPerHourPerLane()), lanes - blocked);
  }

  /** Whether the incident is in place {@code secondsFromStart} seconds after the scenario's start. */
  boolean activeAt(double secondsFromStart) {
    return secondsFromStart >= fromS && secondsFromStart < toS;
  }

  /** Stopped vehicles stand in the closed lanes, rightmost first. */
  int laneOfStopped(int index) {
    return 1 + index % Math.max(1, Math.min(incident.lanesBlocked(), segment.lanes()));
  }
}
