package io.roadstream.pipeline.serde;

import io.roadstream.pipeline.VehicleSighting;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * {@link VehicleSighting} in binary: segment, vehicle, time. Immutable records, so copies are the record itself.
 * Sightings only travel between tasks (no state holds them), so the layout may change from one version to the next.
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
    Utf8Strings.write(s.segmentId(), out);
    Utf8Strings.write(s.vehicleId(), out);
    out.writeLong(s.time());
  }

  @Override
  public VehicleSighting deserialize(DataInputView in) throws IOException {
    return new VehicleSighting(Utf8Strings.read(in), Utf8Strings.read(in), in.readLong());
  }

  @Override
  public VehicleSighting deserialize(VehicleSighting reuse, DataInputView in) throws IOException {
    return deserialize(in);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    serialize(deserialize(source), target);
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
