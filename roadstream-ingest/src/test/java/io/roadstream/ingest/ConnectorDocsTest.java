package io.roadstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.roadstream.core.config.ConfigLoader;
import io.roadstream.core.config.RoadstreamConfig;
import io.roadstream.ingest.connect.Connector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every configuration the connector docs show works: each YAML example with an {@code ingest} section (other than
 * outlines that say "…") loads as a roadstream.yaml and makes its connectors. File paths in the docs are relative to the repository root, as a user runs
 * {@code ./roadstream}; the test runs in the module directory and reads them from there.
 */
class ConnectorDocsTest {

  private static final Path DOCS = Path.of("../docs");
  private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

  @TempDir Path dir;

  @Test
  void everyIngestExampleInTheDocsLoadsAndMakesItsConnectors() throws IOException {
    List<String> checked = new ArrayList<>();
    for (Path doc : List.of(DOCS.resolve("connectors.md"), DOCS.resolve("connectors/http-poll.md"),
        DOCS.resolve("connectors/mqtt.md"), DOCS.resolve("connectors/http-push.md"))) {
      Matcher m = YAML_BLOCK.matcher(Files.readString(doc));
      int n = 0;
      while (m.find()) {
        n++;
        String yaml = m.group(1);
        // "…the keys below" marks the shape of a section, not a configuration
        if (!yaml.contains("ingest:") || yaml.contains("...") || yaml.contains("…")) {
          continue;
        }
        Path file = dir.resolve(doc.getFileName() + "-" + n + ".yaml");
        Files.writeString(file, yaml.replace("../shared/", "../../shared/"));
        RoadstreamConfig config = new ConfigLoader().load(file, Map.of(), Map.of());
        List<Connector> connectors = new Sources(dir, Clock.systemUTC()).create(config.ingest().sources());
        assertThat(connectors).extracting(Connector::name).as("%s, example %d", doc, n)
            .containsExactlyElementsOf(config.ingest().sources().stream().map(s -> (String) s.get("name")).toList());
        checked.add(doc.getFileName() + "#" + n);
      }
    }
    assertThat(checked).as("examples checked").hasSizeGreaterThanOrEqualTo(8);
  }
}
