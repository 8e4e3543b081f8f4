package io.roadstream.pipeline.serde;

import io.roadstream.core.incident.ProbeStopPlace;
import io.roadstream.core.incident.StopState;
import io.roadstream.pipeline.SourceState;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * {@link SourceState} in binary: a byte of flags for what is absent, then the fields in declaration order. It is
 * copied whenever a snapshot still holds a key's previous value, so copies are plain field copies, not reflection.
 * Version 1 of the layout, restored as this serializer.
 */
public final class SourceStateSerializer extends TypeSerializerSingleton<SourceState> {

  public static final SourceStateSerializer INSTANCE = new SourceStateSerializer();

  private static final int NO_STOP = 1;
  private static final int NO_LAT = 2;
  private static final int NO_LON = 4;

  @Override
  public boolean isImmutableType() {
    return false;
  }

  @Override
  public SourceState createInstance() {
    return new SourceState();
  }

  @Override
  public SourceState copy(SourceState from) {
    return copy(from, new SourceState());
  }

  @Override
  public SourceState copy(SourceState from, SourceState to) {
    to.vehicleClock = from.vehicleClock;
    to.vehicleForgetAt = from.vehicleForgetAt;
    to.reportClock = from.reportClock;
    to.reportForgetAt = from.reportForgetAt;
    to.stop = from.stop; // an immutable record
    to.lastTime = from.lastTime;
    to.lastLat = from.lastLat;
    to.lastLon = from.lastLon;
    to.goneAt = from.goneAt;
    to.timerAt = from.timerAt;
    return to;
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(SourceState s, DataOutputView out) throws IOException {
    out.writeByte((s.stop == null ? NO_STOP : 0) | (s.lastLat == null ? NO_LAT : 0) | (s.lastLon == null ? NO_LON : 0));
    out.writeLong(s.vehicleClock);
    out.writeLong(s.vehicleForgetAt);
    out.writeLong(s.reportClock);
    out.writeLong(s.reportForgetAt);
    if (s.stop != null) {
      StringValue.writeString(s.stop.position().segmentId(), out);
      out.writeLong(s.stop.position().bucket());
      out.writeInt(s.stop.consecutiveReports());
    }
    out.writeLong(s.lastTime);
    if (s.lastLat != null) {
      out.writeDouble(s.lastLat);
    }
    if (s.lastLon != null) {
      out.writeDouble(s.lastLon);
    }
    out.writeLong(s.goneAt);
    out.writeLong(s.timerAt);
  }

  @Override
  public SourceState deserialize(DataInputView in) throws IOException {
    return deserialize(new SourceState(), in);
  }

  @Override
  public SourceState deserialize(SourceState s, DataInputView in) throws IOException {
    int absent = in.readByte();
    s.vehicleClock = in.readLong();
    s.vehicleForgetAt = in.readLong();
    s.reportClock = in.readLong();
    s.reportForgetAt = in.readLong();
    s.stop = (absent & NO_STOP) != 0 ? null
        : new StopState<>(new ProbeStopPlace(StringValue.readString(in), in.readLong()), in.readInt());
    s.lastTime = in.readLong();
    s.lastLat = (absent & NO_LAT) != 0 ? null : in.readDouble();
    s.lastLon = (absent & NO_LON) != 0 ? null : in.readDouble();
    s.goneAt = in.readLong();
    s.timerAt = in.readLong();
    return s;
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    serialize(deserialize(source), target);
  }

  @Override
  public TypeSerializerSnapshot<SourceState> snapshotConfiguration() {
    return new Snapshot();
  }

  /** No configuration to write: the layout is fixed by the snapshot's version. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<SourceState> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
