package io.roadstream.pipeline.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.roadstream.pipeline.VehicleSighting;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.junit.jupiter.api.Test;

/** Flink's contract test for serializers over vehicle sightings, and that Flink picks this serializer for them. */
class VehicleSightingSerializerTest extends SerializerTestBase<VehicleSighting> {

  @Override
  protected TypeSerializer<VehicleSighting> createSerializer() {
    return VehicleSightingSerializer.INSTANCE;
  }

  @Override
  protected int getLength() {
    return -1;
  }

  @Override
  protected Class<VehicleSighting> getTypeClass() {
    return VehicleSighting.class;
  }

  @Override
  protected boolean allowNullInstances(TypeSerializer<VehicleSighting> serializer) {
    return true; // immutable records: there is no empty instance to reuse
  }

  @Override
  protected VehicleSighting[] getTestData() {
    return new VehicleSighting[] {
        new VehicleSighting("M1-E-03", "car-7", 1_795_000_000_000L),
        new VehicleSighting("M1-W-02", "probe ünd ☃", -1),
        new VehicleSighting(null, "car-8", Long.MAX_VALUE),
    };
  }

  @Test
  void isWhatFlinkExtractsForTheType() {
    assertThat(TypeInformation.of(VehicleSighting.class).createSerializer(new SerializerConfigImpl()))
        .isSameAs(VehicleSightingSerializer.INSTANCE);
  }
}
