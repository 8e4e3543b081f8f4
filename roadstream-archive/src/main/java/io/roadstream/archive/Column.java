package io.roadstream.archive;

/**
 * One column of an archive file: its name (the event's JSON field name, docs/events.md), its type and whether every
 * row has a value.
 */
public record Column(String name, Type type, boolean required) {

  /** The value types of the archive's columns; each maps to one Parquet physical type (and logical annotation). */
  public enum Type {
    /** UTF-8 text: Parquet BINARY annotated STRING. */
    STRING,
    /** Parquet INT32. */
    INT,
    /** Parquet INT64. */
    LONG,
    /** Epoch milliseconds: Parquet INT64 annotated TIMESTAMP(MILLIS, UTC), so query engines show an instant. */
    TIMESTAMP_MILLIS,
    /** Parquet DOUBLE. */
    DOUBLE,
    /** Parquet BOOLEAN. */
    BOOLEAN,
    /** Bytes as they were (a record that could not be decoded): Parquet BINARY without annotation. */
    BYTES
  }

  public static Column required(String name, Type type) {
    return new Column(name, type, true);
  }

  public static Column optional(String name, Type type) {
    return new Column(name, type, false);
  }
}
