package io.roadstream.core.network;

import java.io.Serializable;
import java.util.List;

/**
 * A junction controlled by traffic signals.
 *
 * @param approaches segments whose traffic enters the intersection
 * @param lostTimeS  total lost time per signal cycle (start-up plus clearance, all phases), seconds
 */
public record Intersection(String id, String name, LonLat position, List<String> approaches, double lostTimeS)
    implements Serializable {

  public Intersection {
    approaches = List.copyOf(approaches);
  }
}
