package io.roadstream.store.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LiveEntryJsonTest {

  private static final long EIGHT = Instant.parse("2026-05-01T08:00:00Z").toEpochMilli();
  private static final long NOW = EIGHT + 130_000;

  private final LiveEntryJson json = new LiveEntryJson();
  private final LiveEntries entries = new LiveEntries(Duration.ofMinutes(5), Duration.ofHours(6));

  @Test
  void anEntryRoundTripsAndCarriesItsEventAsJson() throws Exception {
    LiveEntry entry = entries.stats(LiveEntryTest.stats("main-eb-1", EIGHT), 42, NOW);
    String text = json.write(entry);

    JsonNode node = new ObjectMapper().readTree(text);
    // the layout the Lua script and other readers rely on
    assertThat(node.get("kind").asText()).isEqualTo("segment");
    assertThat(node.get("id").asText()).isEqualTo("main-eb-1");
    assertThat(node.get("order").get(0).asLong()).isEqualTo(EIGHT);
    assertThat(node.get("order").get(1).asLong()).isEqualTo(42);
    assertThat(node.get("removed").asBoolean()).isFalse();
    assertThat(node.get("event").get("segmentId").asText()).isEqualTo("main-eb-1");

    LiveEntry back = json.read(text);
    assertThat(back).usingRecursiveComparison().ignoringFields("event").isEqualTo(entry);
    assertThat(new ObjectMapper().readTree(back.event())).isEqualTo(new ObjectMapper().readTree(entry.event()));
  }

  @Test
  void somethingElseOnTheChannelIsRefusedWithAReason() {
    assertThatThrownBy(() -> json.read("hello")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a live-view entry");
    assertThatThrownBy(() -> json.read("{\"kind\":\"segment\",\"id\":\"a\"}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a live-view entry");
    assertThatThrownBy(() -> json.read("{\"kind\":\"lorry\",\"id\":\"a\",\"order\":[1,2],\"expiresAt\":3,\"event\":{}}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lorry");
  }
}
