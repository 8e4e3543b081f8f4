package io.roadstream.pipeline.serde;

import io.roadstream.pipeline.VehicleSighting;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * Gives {@link VehicleSighting} (through its {@code @TypeInfo} annotation) the {@link VehicleSightingSerializer}
 * wherever Flink extracts its type.
 */
public final class VehicleSightingTypeInfoFactory extends TypeInfoFactory<VehicleSighting> {

  @Override
  public TypeInformation<VehicleSighting> createTypeInfo(Type type,
      Map<String, TypeInformation<?>> genericParameters) {
    return VehicleSightingTypeInfo.INSTANCE;
  }

  /** The type information: one opaque field, serialized by {@link VehicleSightingSerializer}. */
  public static final class VehicleSightingTypeInfo extends TypeInformation<VehicleSighting> {

    public static final VehicleSightingTypeInfo INSTANCE = new VehicleSightingTypeInfo();

    @Override
    public boolean isBasicType() {
      return false;
    }

    @Override
    public boolean isTupleType() {
      return false;
    }

    @Override
    public int getArity() {
      return 1;
    }

    @Override
    public int getTotalFields() {
      return 1;
    }

    @Override
    public Class<VehicleSighting> getTypeClass() {
      return VehicleSighting.class;
    }

    @Override
    public boolean isKeyType() {
      return false;
    }

    @Override
    public VehicleSightingSerializer createSerializer(SerializerConfig config) {
      return VehicleSightingSerializer.INSTANCE;
    }

    @Override
    public String toString() {
      return "VehicleSighting(binary)";
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof VehicleSightingTypeInfo;
    }

    @Override
    public int hashCode() {
      return VehicleSightingTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
      return o instanceof VehicleSightingTypeInfo;
    }
  }
}
