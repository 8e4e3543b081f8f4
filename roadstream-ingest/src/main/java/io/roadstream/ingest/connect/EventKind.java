package io.roadstream.ingest.connect;

import io.roadstream.core.codec.DecodeException;
import io.roadstream.core.codec.EventCodec;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The three kinds of raw event a source may send, by the word people use for them in URLs and configuration
 * ({@code readings}, {@code positions}, {@code reports}), each with its id field and its validating decoder.
 */
public enum EventKind {
  READINGS("readings", "sensorId"),
  POSITIONS("positions", "vehicleId"),
  REPORTS("reports", "reportId");

  private final String word;
  private final String idField;

  EventKind(String word, String idField) {
    this.word = word;
    this.idField = idField;
  }

  /** {@code readings}, {@code positions} or {@code reports}. */
  public String word() {
    return word;
  }

  /** The field that names the event's source and is its Kafka key: sensorId, vehicleId or reportId. */
  public String idField() {
    return idField;
  }

  /** Decodes one JSON object of this kind (docs/events.md) with {@code codec}, which validates every field. */
  public SourceRecord decode(EventCodec codec, byte[] json) throws DecodeException {
    return switch (this) {
      case READINGS -> SourceRecord.of(codec.decodeReading(json));
      case POSITIONS -> SourceRecord.of(codec.decodePosition(json));
      case REPORTS -> SourceRecord.of(codec.decodeReport(json));
    };
  }

  /** The kind named {@code word} (case-insensitive), or empty. */
  public static Optional<EventKind> of(String word) {
    if (word == null) {
      return Optional.empty();
    }
    String w = word.toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(k -> k.word.equals(w)).findFirst();
  }

  /** "readings, positions or reports", for messages. */
  public static String choices() {
    return "readings, positions or reports";
  }
}
