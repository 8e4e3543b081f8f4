package io.roadstream.ingest.simulator;

import java.util.List;

/** A scenario file that cannot be used; every problem is listed, each naming the field. */
public final class ScenarioFormatException extends RuntimeException {

  private final List<String> problems;

  public ScenarioFormatException(String source, List<String> problems) {
    super("scenario " + source + " has " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
        + ":\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
