package io.roadstream.archive.parquet;

import io.roadstream.archive.ArchiveKind;
import io.roadstream.archive.ArchivedEvent;
import io.roadstream.archive.Column;
import io.roadstream.archive.Provenance;
import java.util.Arrays;
import java.util.List;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;

/** Turns rows of {@link ArchiveSchema} back into archived events: each column's converter fills one slot of a row. */
final class EventMaterializer<E> extends RecordMaterializer<ArchivedEvent<E>> {

  private final ArchiveKind<E> kind;
  private final Object[] row;
  private final GroupConverter root;

  EventMaterializer(ArchiveKind<E> kind) {
    this.kind = kind;
    List<Column> columns = ArchiveSchema.columns(kind);
    this.row = new Object[columns.size()];
    Converter[] converters = new Converter[columns.size()];
    for (int i = 0; i < converters.length; i++) {
      converters[i] = new Slot(i, columns.get(i).type());
    }
    this.root = new GroupConverter() {
      @Override
      public Converter getConverter(int fieldIndex) {
        return converters[fieldIndex];
      }

      @Override
      public void start() {
        Arrays.fill(row, null);
      }

      @Override
      public void end() {}
    };
  }

  @Override
  public ArchivedEvent<E> getCurrentRecord() {
    int n = ArchiveKind.PROVENANCE.size();
    Provenance provenance = new Provenance((Integer) row[0], (Long) row[1], (Long) row[2], (String) row[3]);
    return new ArchivedEvent<>(kind, provenance, kind.event(Arrays.copyOfRange(row, n, row.length)));
  }

  @Override
  public GroupConverter getRootConverter() {
    return root;
  }

  private final class Slot extends PrimitiveConverter {
    private final int index;
    private final Column.Type type;

    Slot(int index, Column.Type type) {
      this.index = index;
      this.type = type;
    }

    @Override
    public void addBinary(Binary value) {
      row[index] = type == Column.Type.BYTES ? value.getBytes() : value.toStringUsingUTF8();
    }

    @Override
    public void addInt(int value) {
      row[index] = value;
    }

    @Override
    public void addLong(long value) {
      row[index] = value;
    }

    @Override
    public void addDouble(double value) {
      row[index] = value;
    }

    @Override
    public void addBoolean(boolean value) {
      row[index] = value;
    }

    @Override
    public String toString() {
      return "slot " + index + " (" + type + ")";
    }
  }
}
