package io.roadstream.core.network;

/**
 * Functional class of a road. It decides how Level of Service is measured: by density on uninterrupted-flow
 * roads (motorways, expressways), by speed against free-flow speed on signalised streets (arterials, collectors).
 */
public enum RoadClass {
  MOTORWAY(true), EXPRESSWAY(true), ARTERIAL(false), COLLECTOR(false);

  private final boolean uninterruptedFlow;

  RoadClass(boolean uninterruptedFlow) {
    this.uninterruptedFlow = uninterruptedFlow;
  }

  public boolean uninterruptedFlow() {
    return uninterruptedFlow;
  }
}
