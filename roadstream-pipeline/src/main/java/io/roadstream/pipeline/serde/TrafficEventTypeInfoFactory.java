package io.roadstream.pipeline.serde;

import io.roadstream.pipeline.TrafficEvent;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * Gives {@link TrafficEvent} (through its {@code @TypeInfo} annotation) the {@link TrafficEventSerializer} wherever
 * Flink extracts its type: sources, lambdas, side outputs, keyed streams.
 */
public final class TrafficEventTypeInfoFactory extends TypeInfoFactory<TrafficEvent> {

  @Override
  public TypeInformation<TrafficEvent> createTypeInfo(Type type, Map<String, TypeInformation<?>> genericParameters) {
    return TrafficEventTypeInfo.INSTANCE;
  }

  /** The type information: one opaque field, serialized by {@link TrafficEventSerializer}. */
  public static final class TrafficEventTypeInfo extends TypeInformation<TrafficEvent> {

    public static final TrafficEventTypeInfo INSTANCE = new TrafficEventTypeInfo();

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
    public Class<TrafficEvent> getTypeClass() {
      return TrafficEvent.class;
    }

    @Override
    public boolean isKeyType() {
      return false;
    }

    @Override
    public TrafficEventSerializer createSerializer(SerializerConfig config) {
      return TrafficEventSerializer.INSTANCE;
    }

    @Override
    public String toString() {
      return "TrafficEvent(binary)";
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof TrafficEventTypeInfo;
    }

    @Override
    public int hashCode() {
      return TrafficEventTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
      return o instanceof TrafficEventTypeInfo;
    }
  }
}
