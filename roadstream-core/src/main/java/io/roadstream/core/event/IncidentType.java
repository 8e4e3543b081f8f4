package io.roadstream.core.event;

/** The lifecycle of an incident on {@code roadstream.incidents}. */
public enum IncidentType {
  DETECTED, CONFIRMED, CLEARED
}
