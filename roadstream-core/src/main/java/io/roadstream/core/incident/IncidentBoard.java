package io.roadstream.core.incident;

import java.io.Serializable;
import java.util.Arrays;

/** The incidents the correlator has open, as an array so that Flink keeps it in state without Kryo. */
public record IncidentBoard(ActiveIncident[] incidents) implements Serializable {

  public static final IncidentBoard EMPTY = new IncidentBoard(new ActiveIncident[0]);

  @Override
  public boolean equals(Object o) {
    return o instanceof IncidentBoard b && Arrays.equals(incidents, b.incidents);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(incidents);
  }

  @Override
  public String toString() {
    return "IncidentBoard" + Arrays.toString(incidents);
  }
}
