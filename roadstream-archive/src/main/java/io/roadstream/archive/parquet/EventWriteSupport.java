package io.roadstream.archive.parquet;

import io.roadstream.archive.ArchiveKind;
import io.roadstream.archive.ArchivedEvent;
import io.roadstream.archive.Column;
import io.roadstream.archive.Provenance;
import java.util.List;
import java.util.Map;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;

/** Writes one kind's archived events as rows of {@link ArchiveSchema}; an absent optional value is left out (null). */
final class EventWriteSupport<E> extends WriteSupport<ArchivedEvent<E>> {

  /** Footer metadata: which kind the file holds, for tools that see the file without its path. */
  static final String KIND_KEY = "roadstream.kind";

  private final ArchiveKind<E> kind;
  private final List<Column> columns;
  private RecordConsumer out;

  EventWriteSupport(ArchiveKind<E> kind) {
    this.kind = kind;
    this.columns = ArchiveSchema.columns(kind);
  }

  @Override
  public WriteContext init(ParquetConfiguration configuration) {
    return new WriteContext(ArchiveSchema.of(kind), Map.of(KIND_KEY, kind.toString()));
  }

  @Override
  public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
    return new WriteContext(ArchiveSchema.of(kind), Map.of(KIND_KEY, kind.toString()));
  }

  @Override
  public void prepareForWrite(RecordConsumer recordConsumer) {
    this.out = recordConsumer;
  }

  @Override
  public void write(ArchivedEvent<E> row) {
    Provenance p = row.provenance();
    Object[] values = kind.values(row.event());
    out.startMessage();
    write(0, p.partition());
    write(1, p.offset());
    write(2, p.timestamp());
    write(3, p.key());
    for (int i = 0; i < values.length; i++) {
      write(i + ArchiveKind.PROVENANCE.size(), values[i]);
    }
    out.endMessage();
  }

  private void write(int index, Object value) {
    if (value == null) {
      return;
    }
    Column c = columns.get(index);
    out.startField(c.name(), index);
    switch (c.type()) {
      case STRING -> out.addBinary(Binary.fromString((String) value));
      case INT -> out.addInteger((Integer) value);
      case LONG, TIMESTAMP_MILLIS -> out.addLong((Long) value);
      case DOUBLE -> out.addDouble((Double) value);
      case BOOLEAN -> out.addBoolean((Boolean) value);
      case BYTES -> out.addBinary(Binary.fromConstantByteArray((byte[]) value));
    }
    out.endField(c.name(), index);
  }
}
