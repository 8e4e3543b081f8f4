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
 * @param <E> the topic's event record
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
      SensorReading::time, EventCodec::decodeReading, EventCodec::encode, SensorReading::sensorId);

  public static final ArchiveKind<ProbePosition> POSITIONS = new ArchiveKind<>("positions", Topics::positions,
      List.of(required("vehicleId", Type.STRING), required("time", Type.TIMESTAMP_MILLIS),
          optional("lat", Type.DOUBLE), optional("lon", Type.DOUBLE), optional("segmentId", Type.STRING),
          optional("offsetM", Type.DOUBLE), optional("lane", Type.INT), required("speedKmh", Type.DOUBLE),
          optional("headingDeg", Type.DOUBLE)),
      p -> new Object[] {p.vehicleId(), p.time(), p.lat(), p.lon(), p.segmentId(), p.offsetM(), p.lane(),
          p.speedKmh(), p.headingDeg()},
      v -> new ProbePosition((String) v[0], (Long) v[1], (Double) v[2], (Double) v[3], (String) v[4], (Double) v[5],
          (Integer) v[6], (Double) v[7], (Double) v[8]),
      ProbePosition::time, EventCodec::decodePosition, EventCodec::encode, ProbePosition::vehicleId);

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
      IncidentReport::time, EventCodec::decodeReport, EventCodec::encode, IncidentReport::reportId);

  /** The Kafka provenance columns that come before every kind's own. */
  public static final List<Column> PROVENANCE = List.of(required("kafkaPartition", Type.INT),
      required("kafkaOffset", Type.LONG), required("kafkaTimestamp", Type.TIMESTAMP_MILLIS),
      optional("kafkaKey", Type.STRING));

  private static final List<ArchiveKind<?>> ALL = List.of(READINGS, POSITIONS, REPORTS);

  private final String word;
  private final Function<Topics, String> topic;
  private final List<Column> columns;
  private final Function<E, Object[]> toValues;
  private final Function<Object[], E> fromValues;
  private final ToLongFunction<E> time;
  private final Decoder<E> decoder;
  private final java.util.function.BiFunction<EventCodec, E, byte[]> encoder;
  private final Function<E, String> sourceId;

  private ArchiveKind(String word, Function<Topics, String> topic, List<Column> columns,
      Function<E, Object[]> toValues, Function<Object[], E> fromValues, ToLongFunction<E> time, Decoder<E> decoder,
      java.util.function.BiFunction<EventCodec, E, byte[]> encoder, Function<E, String> sourceId) {
    this.word = word;
    this.topic = topic;
    this.columns = columns;
    this.toValues = toValues;
    this.fromValues = fromValues;
    this.time = time;
    this.decoder = decoder;
    this.encoder = encoder;
    this.sourceId = sourceId;
  }

  /** Readings, positions, reports: the order in which events of the same instant are replayed. */
  public static List<ArchiveKind<?>> all() {
    return ALL;
  }

  /** The kind whose directory word is {@code word} ({@code readings}, {@code positions}, {@code reports}). */
  public static Optional<ArchiveKind<?>> named(String word) {
    return ALL.stream().filter(k -> k.word.equals(word)).findFirst();
  }

  /** The kind whose raw topic (under {@code topics}' prefix) is {@code topicName}. */
  public static Optional<ArchiveKind<?>> ofTopic(Topics topics, String topicName) {
    return ALL.stream().filter(k -> k.topic(topics).equals(topicName)).findFirst();
  }

  /** {@code readings}, {@code positions} or {@code reports}. */
  public String word() {
    return word;
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

  public long time(E event) {
    return time.applyAsLong(event);
  }

  /** The Kafka record's value as this kind's event, validated like every other consumer of the topic does. */
  public E decode(EventCodec codec, byte[] bytes) throws DecodeException {
    return decoder.decode(codec, bytes);
  }

  /** The event as the JSON a producer puts on the topic. */
  public byte[] encode(EventCodec codec, E event) {
    return encoder.apply(codec, event);
  }

  /** The id of the event's source (sensor, vehicle, report), the key its events are produced with. */
  public String sourceId(E event) {
    return sourceId.apply(event);
  }

  @Override
  public String toString() {
    return word;
  }
}
