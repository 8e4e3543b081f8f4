package io.roadstream.pipeline.serde;

import io.roadstream.pipeline.VehicleSighting;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * {@link VehicleSighting} in binary: segment, vehicle, time. Immutable records, so copies are the record itself.
 * Version 1 of the layout, restored as this serializer.
 */
public final class VehicleSightingSerializer extends TypeSerializerSingleton<VehicleSighting> {

  public static final VehicleSightingSerializer INSTANCE = new VehicleSightingSerializer();

  @Override
  public boolean isImmutableType() {
    return true;
  }

  @Override
  public VehicleSighting createInstance() {
    return null;
  }

  @Override
  public VehicleSighting copy(VehicleSighting from) {
    return from;
  }

  @Override
  public VehicleSighting copy(VehicleSighting from, VehicleSighting reuse) {
    return from;
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(VehicleSighting s, DataOutputView out) throws IOException {
    StringValue.writeString(s.segmentId(), out);
    StringValue.writeString(s.vehicleId(), out);
    out.writeLong(s.time());
  }

  @Override
  public VehicleSighting deserialize(DataInputView in) throws IOException {
    return new VehicleSighting(StringValue.readString(in), StringValue.readString(in), in.readLong());
  }

  @Override
  public VehicleSighting deserialize(VehicleSighting reuse, DataInputView in) throws IOException {
    return deserialize(in);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    StringValue.copyString(source, target);
    StringValue.copyString(source, target);
    target.writeLong(source.readLong());
  }

  @Override
  public TypeSerializerSnapshot<VehicleSighting> snapshotConfiguration() {
    return new Snapshot();
  }

  /** No configuration to write: the layout is fixed by the snapshot's version. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<VehicleSighting> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
