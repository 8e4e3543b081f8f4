package io.roadstream.archive;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Reads any Parquet file into rows of column name → value with parquet-java's generic example reader, knowing
 * nothing of the archive's classes: what a test uses to check what the archive wrote, independently of the archive's
 * own reader. Absent optional values are missing from the row.
 */
final class PlainParquet {

  private PlainParquet() {}

  record Content(MessageType schema, Map<String, String> metadata, List<Map<String, Object>> rows) {}

  static Content read(Path file) throws IOException {
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file),
        ParquetReadOptions.builder(new PlainParquetConfiguration()).build())) {
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      List<Map<String, Object>> rows = new ArrayList<>();
      PageReadStore pages;
      while ((pages = reader.readNextRowGroup()) != null) {
        RecordReader<Group> records = new ColumnIOFactory().getColumnIO(schema)
            .getRecordReader(pages, new GroupRecordConverter(schema));
        for (long i = 0; i < pages.getRowCount(); i++) {
          rows.add(row(records.read(), schema));
        }
      }
      return new Content(schema, reader.getFooter().getFileMetaData().getKeyValueMetaData(), rows);
    }
  }

  private static Map<String, Object> row(Group g, MessageType schema) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 0; i < schema.getFieldCount(); i++) {
      Type field = schema.getType(i);
      if (g.getFieldRepetitionCount(i) == 0) {
        continue;
      }
      PrimitiveType.PrimitiveTypeName type = field.asPrimitiveType().getPrimitiveTypeName();
      row.put(field.getName(), switch (type) {
        case BINARY -> g.getString(i, 0);
        case INT32 -> g.getInteger(i, 0);
        case INT64 -> g.getLong(i, 0);
        case DOUBLE -> g.getDouble(i, 0);
        case BOOLEAN -> g.getBoolean(i, 0);
        default -> throw new IllegalStateException("no archive column is " + type);
      });
    }
    return row;
  }
}
