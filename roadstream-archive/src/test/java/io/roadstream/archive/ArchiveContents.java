package io.roadstream.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * What an archive holds, read the way a user's tool would — the directory walked, or the bucket listed, and every
 * Parquet file read by {@link PlainParquet} — with the checks every archive must pass.
 */
final class ArchiveContents {

  private static final Pattern FILE = Pattern.compile(
      "(rejected/)?topic=([a-z]+)/date=(\\d{4}-\\d{2}-\\d{2})/hour=(\\d{2})/part-(\\d{5})-(\\d{20})\\.parquet");

  record DataFile(String relative, List<Map<String, Object>> rows) {}

  private final List<DataFile> files;
  private final List<String> others;

  private ArchiveContents(List<DataFile> files, List<String> others) {
    this.files = files;
    this.others = others;
  }

  static ArchiveContents ofDirectory(Path root) throws IOException {
    List<DataFile> files = new ArrayList<>();
    List<String> others = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return new ArchiveContents(files, others);
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
        String relative = root.relativize(p).toString();
        if (relative.endsWith(".parquet") && !p.getFileName().toString().startsWith(".")) {
          files.add(new DataFile(relative, PlainParquet.read(p).rows()));
        } else {
          others.add(relative);
        }
      }
    }
    return new ArchiveContents(files, others);
  }

  static ArchiveContents ofBucket(S3Client s3, String bucket, String prefix, Path scratch) throws IOException {
    List<DataFile> files = new ArrayList<>();
    List<String> others = new ArrayList<>();
    for (S3Object o : s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).prefix(prefix + "/")
        .build()).contents()) {
      String relative = o.key().substring(prefix.length() + 1);
      if (relative.endsWith("/")) {
        continue; // a directory marker, which s3proxy's filesystem backend lists (S3 itself has none)
      }
      if (!relative.endsWith(".parquet")) {
        others.add(relative);
        continue;
      }
      Path local = scratch.resolve("download-" + files.size() + ".parquet");
      s3.getObject(GetObjectRequest.builder().bucket(bucket).key(o.key()).build(), local);
      files.add(new DataFile(relative, PlainParquet.read(local).rows()));
      Files.delete(local);
    }
    return new ArchiveContents(files, others);
  }

  List<DataFile> files() {
    return files;
  }

  /** Files that are not archive data (staging files, anything else). */
  List<String> others() {
    return others;
  }

  /** Every row by "topic/partition/offset" of the Kafka record it came from. */
  static String id(String topic, Map<String, Object> row) {
    return topic + "/" + row.get("kafkaPartition") + "/" + row.get("kafkaOffset");
  }

  /**
   * Every produced record is in exactly one file, in a file named by its partition and first offset whose offsets
   * ascend: a valid one with the values it was produced with, in the directory of its event time's UTC date and hour;
   * one that cannot be decoded as it was sent, with the reason code it deserves, under {@code rejected/} in the
   * directory of its Kafka timestamp's date and hour. Nothing else is archived.
   */
  void assertHoldsExactlyOnce(List<RawTraffic.Produced> produced, String topicPrefix) {
    Map<String, Map<String, Object>> expected = new LinkedHashMap<>();
    for (RawTraffic.Produced p : produced) {
      Map<String, Object> row = p.row();
      if (row == null) {
        row = new LinkedHashMap<>();
        row.put("kafkaPartition", p.partition());
        row.put("kafkaOffset", p.offset());
        row.put("kafkaKey", p.bad().key());
        row.put("value", p.bad().value());
        row.put("reasonCode", p.bad().reasonCode());
      }
      expected.put(p.id(), row);
    }
    Map<String, Integer> seen = new HashMap<>();
    Map<String, Map<String, Object>> actual = new HashMap<>();
    for (DataFile f : files) {
      Matcher m = FILE.matcher(f.relative());
      assertThat(m.matches()).as("archive file name %s", f.relative()).isTrue();
      boolean rejected = m.group(1) != null;
      String topic = topicPrefix + m.group(2);
      int partition = Integer.parseInt(m.group(5));
      long firstOffset = Long.parseLong(m.group(6));
      assertThat(f.rows()).as("rows of %s", f.relative()).isNotEmpty();
      assertThat(f.rows().get(0).get("kafkaOffset")).as("first offset of %s", f.relative()).isEqualTo(firstOffset);
      long previous = -1;
      for (Map<String, Object> row : f.rows()) {
        assertThat(row.get("kafkaPartition")).as("partition in %s", f.relative()).isEqualTo(partition);
        long offset = (Long) row.get("kafkaOffset");
        assertThat(offset).as("offsets ascend in %s", f.relative()).isGreaterThan(previous);
        previous = offset;
        ZonedDateTime time = Instant.ofEpochMilli((Long) row.get(rejected ? "kafkaTimestamp" : "time"))
            .atZone(ZoneOffset.UTC);
        assertThat(m.group(3) + " " + m.group(4)).as("directory of a record at %s", time)
            .isEqualTo(time.toLocalDate() + " " + String.format("%02d", time.getHour()));
        String id = id(topic, row);
        seen.merge(id, 1, Integer::sum);
        Map<String, Object> comparable = new LinkedHashMap<>(row);
        assertThat(comparable.remove("kafkaTimestamp")).as("Kafka timestamp of %s", id).isNotNull();
        if (rejected) {
          assertThat((String) comparable.remove("reason")).as("reason of rejected %s", id).isNotBlank();
        }
        actual.put(id, comparable);
      }
    }
    Set<String> doubled = seen.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
        .collect(Collectors.toSet());
    assertThat(doubled).as("records archived more than once").isEmpty();
    assertThat(actual.keySet()).as("archived records").containsExactlyInAnyOrderElementsOf(expected.keySet());
    expected.forEach((id, row) -> assertThat(actual.get(id)).as("row of %s", id).isEqualTo(row));
  }
}
