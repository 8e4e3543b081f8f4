package io.roadstream.pipeline.serde;

import java.util.Objects;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Type information for a record Flink should treat as one opaque field written by a serializer of our own (no POJO
 * analysis, no Kryo): what the {@code @TypeInfo} factories of the job's binary records return.
 *
 * @param <T> the record type
 */
public final class BinaryTypeInfo<T> extends TypeInformation<T> {

  private final Class<T> type;
  private final TypeSerializer<T> serializer;

  public BinaryTypeInfo(Class<T> type, TypeSerializer<T> serializer) {
    this.type = type;
    this.serializer = serializer;
  }

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
  public Class<T> getTypeClass() {
    return type;
  }

  @Override
  public boolean isKeyType() {
    return false;
  }

  @Override
  public TypeSerializer<T> createSerializer(SerializerConfig config) {
    return serializer;
  }

  @Override
  public String toString() {
    return type.getSimpleName() + "(binary)";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BinaryTypeInfo<?> other && other.type.equals(type);
  }

  @Override
  public int hashCode() {
    return Objects.hash(BinaryTypeInfo.class, type);
  }

  @Override
  public boolean canEqual(Object o) {
    return o instanceof BinaryTypeInfo<?>;
  }
}
