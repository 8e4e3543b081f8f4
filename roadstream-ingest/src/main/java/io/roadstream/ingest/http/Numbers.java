package io.roadstream.ingest.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Optional;

/** Numbers as APIs send them: JSON numbers, or numeric strings (Socrata sends every number as a string). */
final class Numbers {

  private Numbers() {}

  static Optional<BigDecimal> decimal(JsonNode value) {
    if (value.isNumber()) {
      return Optional.of(value.decimalValue());
    }
    if (value.isTextual()) {
      try {
        return Optional.of(new BigDecimal(value.asText().trim()));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }
}
