package io.roadstream.ingest.replay.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.roadstream.ingest.connect.SourceRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The real data files under shared/data, beside the repository (tests run with the module as working directory). */
final class SharedData {

  private static final Path ROOT = Path.of("..", "..", "shared", "data");

  private SharedData() {}

  static Path file(String relative) {
    Path path = ROOT.resolve(relative);
    assertThat(path).as("shared data file (shared/ must sit beside the repository)").isRegularFile();
    return path;
  }

  static List<String> lines(String relative) throws IOException {
    return Files.readAllLines(file(relative));
  }

  /** Every record of a reader, then closes it. */
  static List<SourceRecord> readAll(RecordReader reader) throws IOException {
    try (reader) {
      List<SourceRecord> records = new ArrayList<>();
      SourceRecord r;
      while ((r = reader.next()) != null) {
        records.add(r);
      }
      return records;
    }
  }

  static <T> List<T> only(List<SourceRecord> records, Class<T> type) {
    return records.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
