package io.roadstream.archive.parquet;

import io.roadstream.archive.ArchiveKind;
import io.roadstream.archive.Column;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/** The Parquet schema of a kind's files: the provenance columns, then the event's own, each a flat primitive. */
public final class ArchiveSchema {

  private ArchiveSchema() {}

  /** Provenance columns followed by the kind's columns, in the order rows are written and read. */
  public static List<Column> columns(ArchiveKind<?> kind) {
    List<Column> all = new ArrayList<>(ArchiveKind.PROVENANCE);
    all.addAll(kind.columns());
    return all;
  }

  /** {@code message roadstream_readings { required int32 kafkaPartition; … optional double occupancy; }}. */
  public static MessageType of(ArchiveKind<?> kind) {
    Types.MessageTypeBuilder message = Types.buildMessage();
    for (Column c : columns(kind)) {
      message.addField(field(c));
    }
    return message.named("roadstream_" + (kind.isRejected() ? "rejected_" : "") + kind.word());
  }

  private static Type field(Column c) {
    Type.Repetition repetition = c.required() ? Type.Repetition.REQUIRED : Type.Repetition.OPTIONAL;
    return switch (c.type()) {
      case STRING -> Types.primitive(PrimitiveTypeName.BINARY, repetition).as(LogicalTypeAnnotation.stringType())
          .named(c.name());
      case INT -> Types.primitive(PrimitiveTypeName.INT32, repetition).named(c.name());
      case LONG -> Types.primitive(PrimitiveTypeName.INT64, repetition).named(c.name());
      case TIMESTAMP_MILLIS -> Types.primitive(PrimitiveTypeName.INT64, repetition)
          .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS)).named(c.name());
      case DOUBLE -> Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(c.name());
      case BOOLEAN -> Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(c.name());
      case BYTES -> Types.primitive(PrimitiveTypeName.BINARY, repetition).named(c.name());
    };
  }
}
