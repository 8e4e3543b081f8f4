package io.roadstream.pipeline.serde;

import io.roadstream.pipeline.TrafficEvent;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * Gives {@link TrafficEvent} (through its {@code @TypeInfo} annotation) the {@link TrafficEventSerializer} wherever
 * Flink extracts its type: sources, lambdas, side outputs, keyed streams.
 */
public final class TrafficEventTypeInfoFactory extends TypeInfoFactory<TrafficEvent> {

  private static final TypeInformation<TrafficEvent> TYPE =
      new BinaryTypeInfo<>(TrafficEvent.class, TrafficEventSerializer.INSTANCE);

  @Override
  public TypeInformation<TrafficEvent> createTypeInfo(Type type, Map<String, TypeInformation<?>> genericParameters) {
    return TYPE;
  }
}
