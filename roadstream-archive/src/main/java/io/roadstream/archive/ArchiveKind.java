package io.roadstream.archive;

import static io.roadstream.archive.Column.optional;
import static io.roadstream.archive.Column.required;

import io.roadstream.archive.Column.Type;
import io.roadstream.core.codec.DecodeException;
import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.config.Topics;
import io.roadstream.core.event.IncidentReport;
import io.roadstream.core.event.ProbePosition;
import io.roadstream.core.event.SensorReading;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * One raw topic as the archive keeps it: the word that names its directory ({@code topic=readings}), the typed
 * columns of its event, and the mapping between the event record and a row of column values (in column order, null
 * for an absent optional value). The columns are the event's JSON fields (docs/events.md), so the files read like the
 * topic.
 *
 * <p>Each raw topic has a second kind for its records that could not be decoded ({@link #rejected()}): their bytes as
 * they were and the reason, under {@code rejected/topic=readings}, so that the archive holds every record of the topic
 * (its offsets have no gaps) and a replay can report each again.
 *
 * @param <E> the topic's event record, or {@link RejectedRecord}
 */
public final class ArchiveKind<E> {

  @FunctionalInterface
  interface Decoder<E> {
    E decode(EventCodec codec, byte[] bytes) throws DecodeException;
  }

  public static final ArchiveKind<SensorReading> READINGS = new ArchiveKind<>("readings", Topics::readings,
      List.of(required("sensorId", Type.STRING), required("time", Type.TIMESTAMP_MILLIS),
          required("intervalS", Type.INT), optional("vehicleCount", Type.INT), optional("avgSpeedKmh", Type.DOUBLE),
          optional("occupancy", Type.DOUBLE)),
      r -> new Object[] {r.sensorId(), r.time(), r.intervalSeconds(), r.vehicleCount(), r.avgSpeedKmh(),
          r.occupancy()},
      v -> new SensorReading((String) v[0], (Long) v[1], (Integer) v[2], (Integer) v[3], (Double) v[4], (Double) v[5]),
      SensorReading::time, EventCodec::decodeReading, false);

  public static final ArchiveKind<ProbePosition> POSITIONS = new ArchiveKind<>("positions", Topics::positions,
      List.of(required("vehicleId", Type.STRING), required("time", Type.TIMESTAMP_MILLIS),
          optional("lat", Type.DOUBLE), optional("lon", Type.DOUBLE), optional("segmentId", Type.STRING),
          optional("offsetM", Type.DOUBLE), optional("lane", Type.INT), required("speedKmh", Type.DOUBLE),
          optional("headingDeg", Type.DOUBLE)),
      p -> new Object[] {p.vehicleId(), p.time(), p.lat(), p.lon(), p.segmentId(), p.offsetM(), p.lane(),
          p.speedKmh(), p.headingDeg()},
      v -> new ProbePosition((String) v[0], (Long) v[1], (Double) v[2], (Double) v[3], (String) v[4], (Double) v[5],
          (Integer) v[6], (Double) v[7], (Double) v[8]),
      ProbePosition::time, EventCodec::decodePosition, false);

  public static final ArchiveKind<IncidentReport> REPORTS = new ArchiveKind<>("reports", Topics::reports,
      List.of(required("reportId", Type.STRING), required("source", Type.STRING),
          required("time", Type.TIMESTAMP_MILLIS), required("kind", Type.STRING), required("status", Type.STRING),
          required("verified", Type.BOOLEAN), optional("segmentId", Type.STRING), optional("offsetM", Type.DOUBLE),
          optional("lat", Type.DOUBLE), optional("lon", Type.DOUBLE), optional("headingDeg", Type.DOUBLE),
          optional("lanesBlocked", Type.INT), required("description", Type.STRING)),
      r -> new Object[] {r.reportId(), r.source(), r.time(), r.kind(), r.status(), r.verified(), r.segmentId(),
          r.offsetM(), r.lat(), r.lon(), r.headingDeg(), r.lanesBlocked(), r.description()},
      v -> new IncidentReport((String) v[0], (String) v[1], (Long) v[2], (String) v[3], (String) v[4],
          (Boolean) v[5], (String) v[6], (Double) v[7], (Double) v[8], (Double) v[9], (Double) v[10],
          (Integer) v[11], (String) v[12]),
      IncidentReport::time, EventCodec::decodeReport, false);

  public static final ArchiveKind<RejectedRecord> REJECTED_READINGS = rejectedOf("readings", Topics::readings);
  public static final ArchiveKind<RejectedRecord> REJECTED_POSITIONS = rejectedOf("positions", Topics::positions);
  public static final ArchiveKind<RejectedRecord> REJECTED_REPORTS = rejectedOf("reports", Topics::reports);

  /** The Kafka provenance columns that come before every kind's own. */
  public static final List<Column> PROVENANCE = List.of(required("kafkaPartition", Type.INT),
      required("kafkaOffset", Type.LONG), required("kafkaTimestamp", Type.TIMESTAMP_MILLIS),
      optional("kafkaKey", Type.STRING));

  private static final List<ArchiveKind<?>> ALL = List.of(READINGS, POSITIONS, REPORTS, REJECTED_READINGS,
      REJECTED_POSITIONS, REJECTED_REPORTS);

  private final String word;
  private final Function<Topics, String> topic;
  private final List<Column> columns;
  private final Function<E, Object[]> toValues;
  private final Function<Object[], E> fromValues;
  private final ToLongFunction<E> time;
  private final Decoder<E> decoder;
  private final boolean rejected;

  private ArchiveKind(String word, Function<Topics, String> topic, List<Column> columns,
      Function<E, Object[]> toValues, Function<Object[], E> fromValues, ToLongFunction<E> time, Decoder<E> decoder,
      boolean rejected) {
    this.word = word;
    this.topic = topic;
    this.columns = columns;
    this.toValues = toValues;
    this.fromValues = fromValues;
    this.time = time;
    this.decoder = decoder;
    this.rejected = rejected;
  }

  /**
   * A topic's undecodable records: the value's bytes (null for a record without one), the dead-letter reason code and
   * the reason. They have no event time; their hour is that of their Kafka timestamp.
   */
  private static ArchiveKind<RejectedRecord> rejectedOf(String word, Function<Topics, String> topic) {
    return new ArchiveKind<>(word, topic,
        List.of(optional("value", Type.BYTES), required("reasonCode", Type.STRING), required("reason", Type.STRING)),
        r -> new Object[] {r.value(), r.reasonCode(), r.reason()},
        v -> new RejectedRecord((byte[]) v[0], (String) v[1], (String) v[2]),
        r -> {
          throw new UnsupportedOperationException("a rejected record has no event time");
        },
        (codec, bytes) -> {
          throw new UnsupportedOperationException("a rejected record is archived as it was");
        },
        true);
  }

  /**
   * Readings, positions, reports, then the rejected records of each: the order in which records of the same instant
   * are replayed.
   */
  public static List<ArchiveKind<?>> all() {
    return ALL;
  }

  /**
   * The kind whose directory word is {@code word} ({@code readings}, {@code positions}, {@code reports}): its events
   * or, with {@code rejected}, its undecodable records.
   */
  public static Optional<ArchiveKind<?>> named(String word, boolean rejected) {
    return ALL.stream().filter(k -> k.word.equals(word) && k.rejected == rejected).findFirst();
  }

  /** The events' kind whose raw topic (under {@code topics}' prefix) is {@code topicName}. */
  public static Optional<ArchiveKind<?>> ofTopic(Topics topics, String topicName) {
    return ALL.stream().filter(k -> !k.rejected && k.topic(topics).equals(topicName)).findFirst();
  }

  /** {@code readings}, {@code positions} or {@code reports}: the topic, for both its kinds. */
  public String word() {
    return word;
  }

  /** Whether this kind holds a topic's undecodable records rather than its events. */
  public boolean isRejected() {
    return rejected;
  }

  /** The kind of this topic's undecodable records. */
  @SuppressWarnings("unchecked")
  public ArchiveKind<RejectedRecord> rejected() {
    return (ArchiveKind<RejectedRecord>) (rejected ? this : named(word, true).orElseThrow());
  }

  /** The directory of this kind's files under the archive's root: {@code topic=readings}, {@code rejected/topic=readings}. */
  public String directory() {
    return (rejected ? "rejected/" : "") + "topic=" + word;
  }

  public String topic(Topics topics) {
    return topic.apply(topics);
  }

  /** The event's own columns, without {@link #PROVENANCE}. */
  public List<Column> columns() {
    return columns;
  }

  /** The event's values in {@link #columns()} order. */
  public Object[] values(E event) {
    return toValues.apply(event);
  }

  /** The event from values in {@link #columns()} order. */
  public E event(Object[] values) {
    return fromValues.apply(values);
  }

  /** The time that files the row under its hour: the event time, or for a rejected record its Kafka timestamp. */
  public long time(E event, Provenance provenance) {
    return rejected ? provenance.timestamp() : time.applyAsLong(event);
  }

  /** The Kafka record's value as this kind's event, validated like every other consumer of the topic does. */
  public E decode(EventCodec codec, byte[] bytes) throws DecodeException {
    return decoder.decode(codec, bytes);
  }

  @Override
  public String toString() {
    return rejected ? "rejected " + word : word;
  }
}
