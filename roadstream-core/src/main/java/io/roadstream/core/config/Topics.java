package io.roadstream.core.config;

import java.io.Serializable;
import java.util.List;

/** The Kafka topic names of DESIGN.md, under one prefix. */
public record Topics(String prefix) implements Serializable {

  public String readings() {
    return prefix + "readings";
  }

  public String positions() {
    return prefix + "positions";
  }

  public String reports() {
    return prefix + "reports";
  }

  public String segmentStats() {
    return prefix + "segment-stats";
  }

  /** Jam episodes: opened, updated, cleared. */
  public String congestion() {
    return prefix + "congestion";
  }

  /** Recommended signal timing per intersection, when it changes. */
  public String signalPlans() {
    return prefix + "signal-plans";
  }

  /** Messages for drivers upstream of accidents and jams: issued, withdrawn. */
  public String alerts() {
    return prefix + "alerts";
  }

  /** Accidents and other incidents: detected, confirmed, cleared. */
  public String incidents() {
    return prefix + "incidents";
  }

  public String deadLetters() {
    return prefix + "dead-letters";
  }

  /** Linear Road benchmark input: the benchmark file's CSV rows, one per record, in one partition (time order). */
  public String linearRoad() {
    return prefix + "linear-road";
  }

  /** Linear Road answers as the validator's CSV rows, keyed by answer type; not part of {@link #all()}. */
  public String linearRoadAnswers() {
    return prefix + "linear-road-answers";
  }

  /** The topics of raw input, whose records count as "events in". */
  public List<String> raw() {
    return List.of(readings(), positions(), reports());
  }

  public List<String> all() {
    return List.of(readings(), positions(), reports(), segmentStats(), congestion(), incidents(), alerts(), signalPlans(), deadLetters());
  }
}
