package io.roadstream.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.roadstream.archive.store.ArchiveStore;
import io.roadstream.archive.store.ArchiveStores;
import io.roadstream.core.config.ConfigLoader;
import io.roadstream.core.config.RoadstreamConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/archive.md's configurations load and open their archive; it and the README show every archive key. */
class ArchiveDocsTest {

  private static final Path DOC = Path.of("../docs/archive.md");
  private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

  @TempDir Path dir;

  @Test
  void everyConfigurationInTheDocsLoadsAndOpensItsArchive() throws IOException {
    Matcher m = YAML_BLOCK.matcher(Files.readString(DOC));
    List<String> locations = new ArrayList<>();
    while (m.find()) {
      Path file = dir.resolve("archive-" + locations.size() + ".yaml");
      Files.writeString(file, m.group(1));
      // the example that names a key id takes its secret from the environment, as it says
      Map<String, String> environment = m.group(1).contains("accessKeyId: roadstream")
          ? Map.of("ROADSTREAM_ARCHIVE_S3_SECRET_ACCESS_KEY", "from-the-environment") : Map.of();
      RoadstreamConfig config = new ConfigLoader().load(file, environment, Map.of());
      try (ArchiveStore store = ArchiveStores.open(config.archive())) {
        locations.add(store.location());
      }
    }
    assertThat(locations).contains(Path.of(".roadstream/archive").toAbsolutePath().toString(),
        "/var/lib/roadstream/archive", "s3://traffic-archive/roadstream/raw", "s3://my-company-traffic/roadstream/raw");
  }

  @Test
  void theDocsAndTheReadmeShowEveryArchiveKey() throws IOException {
    List<String> keys = new ArrayList<>();
    leaves(new ObjectMapper().valueToTree(RoadstreamConfig.defaults().archive()), "", keys);
    assertThat(keys).hasSize(12);
    String doc = Files.readString(DOC);
    String readme = Files.readString(Path.of("../README.md"));
    for (String key : keys) {
      String leaf = key.substring(key.lastIndexOf('.') + 1);
      assertThat(doc).as("docs/archive.md shows %s", key).contains(" " + leaf + ":");
      assertThat(readme).as("README shows %s", key).contains(" " + leaf + ":");
    }
  }

  private static void leaves(JsonNode node, String prefix, List<String> keys) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      if (f.getValue().isObject()) {
        leaves(f.getValue(), prefix + f.getKey() + ".", keys);
      } else {
        keys.add(prefix + f.getKey());
      }
    }
  }
}
