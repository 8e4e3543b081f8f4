package io.roadstream.pipeline.serde;

import io.roadstream.core.event.IncidentReport;
import io.roadstream.core.event.ProbePosition;
import io.roadstream.pipeline.TrafficEvent;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * {@link TrafficEvent} in binary, for the shuffles every event goes through: a kind byte, the Kafka coordinates, then
 * only the one payload the event holds ({@link EventBinary}). Flink's POJO serializer, which it replaces, wrote a
 * null flag per field of all four payload types, and rebuilt each record reflectively.
 *
 * <p>The events are immutable, so copies are the event itself. They only travel between tasks (no state holds
 * them), so the layout may change from one version to the next; the snapshot has no configuration.
 */
public final class TrafficEventSerializer extends TypeSerializerSingleton<TrafficEvent> {

  public static final TrafficEventSerializer INSTANCE = new TrafficEventSerializer();

  private static final byte READING = 0;
  private static final byte POSITION = 1;
  private static final byte REPORT = 2;
  private static final byte DEAD_LETTER = 3;

  @Override
  public boolean isImmutableType() {
    return true;
  }

  @Override
  public TrafficEvent createInstance() {
    return null;
  }

  @Override
  public TrafficEvent copy(TrafficEvent from) {
    return from;
  }

  @Override
  public TrafficEvent copy(TrafficEvent from, TrafficEvent reuse) {
    return from;
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(TrafficEvent event, DataOutputView out) throws IOException {
    if (event.reading() != null) {
      out.writeByte(READING);
      EventBinary.write(event.reading(), out);
    } else if (event.position() != null) {
      out.writeByte(POSITION);
      EventBinary.write(event.position(), out);
    } else if (event.report() != null) {
      out.writeByte(REPORT);
      EventBinary.write(event.report(), out);
    } else if (event.deadLetter() != null) {
      out.writeByte(DEAD_LETTER);
      EventBinary.write(event.deadLetter(), out);
    } else {
      throw new IllegalArgumentException("a TrafficEvent holds a reading, a position, a report or a dead letter: "
          + event);
    }
    // the segment is the position's or report's own in every event the source makes: written only when it is not
    String own = payloadSegment(event);
    boolean ownSegment = own != null && own.equals(event.segmentId());
    out.writeBoolean(ownSegment);
    if (!ownSegment) {
      Utf8Strings.write(event.segmentId(), out);
    }
    Utf8Strings.write(event.sourceTopic(), out);
    out.writeInt(event.partition());
    out.writeLong(event.offset());
  }

  @Override
  public TrafficEvent deserialize(DataInputView in) throws IOException {
    byte kind = in.readByte();
    var reading = kind == READING ? EventBinary.readReading(in) : null;
    var position = kind == POSITION ? EventBinary.readPosition(in) : null;
    var report = kind == REPORT ? EventBinary.readReport(in) : null;
    var deadLetter = kind == DEAD_LETTER ? EventBinary.readDeadLetter(in) : null;
    if (kind < READING || kind > DEAD_LETTER) {
      throw new IOException("corrupt TrafficEvent: unknown kind " + kind);
    }
    String segmentId = in.readBoolean() ? payloadSegment(position, report) : Utf8Strings.read(in);
    String topic = Utf8Strings.read(in);
    int partition = in.readInt();
    long offset = in.readLong();
    return new TrafficEvent(segmentId, reading, position, report, deadLetter, topic, partition, offset);
  }

  private static String payloadSegment(TrafficEvent event) {
    return payloadSegment(event.position(), event.report());
  }

  private static String payloadSegment(ProbePosition position, IncidentReport report) {
    return position != null ? position.segmentId() : report != null ? report.segmentId() : null;
  }

  @Override
  public TrafficEvent deserialize(TrafficEvent reuse, DataInputView in) throws IOException {
    return deserialize(in);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    serialize(deserialize(source), target);
  }

  @Override
  public TypeSerializerSnapshot<TrafficEvent> snapshotConfiguration() {
    return new Snapshot();
  }

  /** No configuration to write: the layout is fixed by the snapshot's version. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<TrafficEvent> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
