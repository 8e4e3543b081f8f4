package io.roadstream.core.config;

import java.util.List;

/** A configuration that cannot be used; the message names every key at fault and says what it must be. */
public final class ConfigException extends RuntimeException {

  private final List<String> problems;

  public ConfigException(List<String> problems) {
    super("invalid configuration:\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Each problem on its own, naming its key. */
  public List<String> problems() {
    return problems;
  }
}
