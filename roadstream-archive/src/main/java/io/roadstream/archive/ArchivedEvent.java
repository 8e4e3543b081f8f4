package io.roadstream.archive;

/**
 * One row of the archive: a raw event with where it was in Kafka.
 *
 * @param <E> SensorReading, ProbePosition, IncidentReport or RejectedRecord, as {@code kind} says
 */
public record ArchivedEvent<E>(ArchiveKind<E> kind, Provenance provenance, E event) {

  /** The event time (epoch ms; a rejected record's Kafka timestamp), which decides the file's date and hour. */
  public long time() {
    return kind.time(event, provenance);
  }
}
