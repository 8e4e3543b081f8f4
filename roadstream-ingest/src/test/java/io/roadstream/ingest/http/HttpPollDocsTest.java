package io.roadstream.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The complete configurations in docs/connectors/http-poll.md are valid: a user can copy them. */
class HttpPollDocsTest {

  private static final Path DOC = Path.of("..", "docs", "connectors", "http-poll.md");

  @Test
  void everyCompleteConfigurationInTheDocsIsValid() throws Exception {
    List<String> names = new ArrayList<>();
    Matcher blocks = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(DOC));
    while (blocks.find()) {
      JsonNode root = new YAMLMapper().readTree(blocks.group(1));
      JsonNode sources = root.path("ingest").path("sources");
      for (int i = 0; i < sources.size(); i++) {
        JsonNode source = sources.get(i);
        if (source.has("url")) {
          names.add(new HttpPollSettingsReader().read(source, "ingest.sources[" + i + "]").name());
        }
      }
    }
    assertThat(names).containsExactly("tomtom-a10-km12", "nyc-speeds");
  }
}
