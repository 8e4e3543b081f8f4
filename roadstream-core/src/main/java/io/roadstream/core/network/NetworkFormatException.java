package io.roadstream.core.network;

import java.util.List;

/** A road network file that cannot be used; every problem is listed, each naming the feature and the field. */
public final class NetworkFormatException extends RuntimeException {

  private final List<String> problems;

  public NetworkFormatException(String source, List<String> problems) {
    super("road network " + source + " has " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
        + ":\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
