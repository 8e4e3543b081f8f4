package io.roadstream.archive;

/**
 * Where an archived event was in Kafka: its topic's partition and offset (which make every record's identity, so an
 * archive can be checked for gaps and duplicates), the record's timestamp and its key.
 *
 * @param timestamp the Kafka record's timestamp (epoch ms): when it was produced, not the event time
 * @param key       the record key as UTF-8 text, null when it had none
 */
public record Provenance(int partition, long offset, long timestamp, String key) {}
