package io.roadstream.core.incident;

import java.io.Serializable;

/**
 * How signals become incidents; defaults and their reasons in docs/detection.md.
 *
 * @param mergeDistanceM     signals closer than this along the road (beyond a detector pair's own span) are one
 *                           incident
 * @param confirmAfterMillis an incident still seen this long after its detection is confirmed even by one source
 */
public record IncidentSettings(double mergeDistanceM, long confirmAfterMillis) implements Serializable {

  public static final IncidentSettings DEFAULT = new IncidentSettings(500, 60_000);

  public IncidentSettings {
    if (!(mergeDistanceM >= 0)) {
      throw new IllegalArgumentException("detection.incidents.mergeDistanceM must be 0 or more, got " + mergeDistanceM);
    }
    if (confirmAfterMillis <= 0) {
      throw new IllegalArgumentException("detection.incidents.confirmAfterSeconds must be positive, got "
          + confirmAfterMillis / 1000.0);
    }
  }
}
