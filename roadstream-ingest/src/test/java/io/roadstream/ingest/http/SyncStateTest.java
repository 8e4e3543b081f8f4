package io.roadstream.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncStateTest {

  @TempDir
  Path dir;

  @Test
  void dropsWhatWasDeliveredAtTheMarkAndEverythingBeforeIt() {
    SyncState state = new SyncState(SyncState.Saved.EMPTY);
    state.delivered(text("2024-05-14T10:33:03.000"), "1");
    state.delivered(text("2024-05-14T10:33:03.000"), "2");

    assertThat(state.isNew(text("2024-05-14T10:33:03.000"), "2")).isFalse();
    assertThat(state.isNew(text("2024-05-14T10:33:03.000"), "3")).as("same time, another link").isTrue();
    assertThat(state.isNew(text("2024-05-14T10:30:00.000"), "9")).isFalse();
    assertThat(state.isNew(text("2024-05-14T10:34:09.000"), "1")).isTrue();
  }

  @Test
  void comparesNumbersAndNumericTextsAsNumbers() {
    assertThat(SyncState.compare(new TextNode("9"), new TextNode("10"))).isNegative();
    assertThat(SyncState.compare(new IntNode(10), new TextNode("9"))).isPositive();
  }

  @Test
  void survivesARestartThroughTheStateFile() throws Exception {
    SyncStateStore store = new SyncStateStore(dir, "nyc-speeds");
    SyncState state = new SyncState(store.load());
    state.delivered(new IntNode(17), "a");
    store.save(state.save());

    SyncState restarted = new SyncState(new SyncStateStore(dir, "nyc-speeds").load());

    assertThat(restarted.mark()).contains(new IntNode(17));
    assertThat(restarted.isNew(new IntNode(17), "a")).isFalse();
    assertThat(restarted.isNew(new IntNode(17), "b")).isTrue();
    assertThat(dir.resolve("nyc-speeds.http-poll.json")).exists();
    assertThat(dir.resolve("nyc-speeds.http-poll.json.tmp")).doesNotExist();
  }

  @Test
  void withoutIncrementalSyncForgetsKeysOlderThanTheLastPoll() {
    SyncState state = new SyncState(SyncState.Saved.EMPTY);
    assertThat(state.seenRecently("a")).isFalse();
    state.pollCompleted();
    assertThat(state.seenRecently("a")).as("seen in the last poll").isTrue();
    state.pollCompleted();
    state.pollCompleted();
    assertThat(state.seenRecently("a")).isFalse();
  }

  private static JsonNode text(String s) {
    return new TextNode(s);
  }
}
