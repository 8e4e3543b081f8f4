package io.roadstream.core.incident;

import io.roadstream.core.event.IncidentType;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * An incident not yet cleared, with the signals that currently see it (oldest first), as arrays so that Flink keeps
 * it in state without Kryo.
 *
 * @param status     {@code DETECTED} or {@code CONFIRMED}
 * @param detectedAt event time of its first signal
 */
public record ActiveIncident(String incidentId, IncidentType status, long detectedAt, IncidentSignal[] signals)
    implements Serializable {

  @Override
  public boolean equals(Object o) {
    return o instanceof ActiveIncident a && incidentId.equals(a.incidentId) && status == a.status
        && detectedAt == a.detectedAt && Arrays.equals(signals, a.signals);
  }

  @Override
  public int hashCode() {
    return Objects.hash(incidentId, status, detectedAt);
  }

  @Override
  public String toString() {
    return "ActiveIncident[" + status + " " + incidentId + " " + Arrays.toString(signals) + "]";
  }
}
