package io.roadstream.pipeline.serde;

import io.roadstream.pipeline.VehicleSighting;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * Gives {@link VehicleSighting} (through its {@code @TypeInfo} annotation) the {@link VehicleSightingSerializer}
 * wherever Flink extracts its type.
 */
public final class VehicleSightingTypeInfoFactory extends TypeInfoFactory<VehicleSighting> {

  private static final TypeInformation<VehicleSighting> TYPE =
      new BinaryTypeInfo<>(VehicleSighting.class, VehicleSightingSerializer.INSTANCE);

  @Override
  public TypeInformation<VehicleSighting> createTypeInfo(Type type,
      Map<String, TypeInformation<?>> genericParameters) {
    return TYPE;
  }
}
