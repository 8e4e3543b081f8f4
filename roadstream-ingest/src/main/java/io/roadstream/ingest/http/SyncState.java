package io.roadstream.ingest.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a poller has already delivered, so that overlapping polls deliver each record once. Not thread-safe: one
 * poller's thread owns it.
 *
 * <p>With incremental sync, the high-water mark is the greatest incremental value delivered, with the keys of the
 * records delivered at exactly that value: a poll asks for "at or after the mark" and drops what it already has.
 * Without it, the keys seen in the last poll are dropped from the next (an API that returns a sliding window).
 */
final class SyncState {

  /** What a poller saves, as JSON, after the records before it are in Kafka. */
  record Saved(JsonNode mark, List<String> keysAtMark, List<String> recentKeys) {
    static final Saved EMPTY = new Saved(null, List.of(), List.of());

    Saved {
      keysAtMark = keysAtMark == null ? List.of() : List.copyOf(keysAtMark);
      recentKeys = recentKeys == null ? List.of() : List.copyOf(recentKeys);
    }
  }

  private JsonNode mark;
  private final Set<String> atMark;
  private Set<String> previousPoll;
  private Set<String> thisPoll = new HashSet<>();

  SyncState(Saved saved) {
    this.mark = saved.mark() == null || saved.mark().isNull() ? null : saved.mark();
    this.atMark = new HashSet<>(saved.keysAtMark());
    this.previousPoll = new HashSet<>(saved.recentKeys());
  }

  Optional<JsonNode> mark() {
    return Optional.ofNullable(mark);
  }

  /** True when a record with incremental value {@code value} and identity {@code key} was not delivered yet. */
  boolean isNew(JsonNode value, String key) {
    if (mark == null) {
      return true;
    }
    int c = compare(value, mark);
    return c > 0 || (c == 0 && !atMark.contains(key));
  }

  /** Records that the record is (about to be) delivered: the mark moves up to it. */
  void delivered(JsonNode value, String key) {
    int c = mark == null ? 1 : compare(value, mark);
    if (c > 0) {
      mark = value;
      atMark.clear();
    }
    if (c >= 0) {
      atMark.add(key);
    }
  }

  /** Without incremental sync: true when the last or this poll already saw the key; remembers it for the next. */
  boolean seenRecently(String key) {
    boolean seen = previousPoll.contains(key) || thisPoll.contains(key);
    thisPoll.add(key);
    return seen;
  }

  void pollCompleted() {
    previousPoll = thisPoll;
    thisPoll = new HashSet<>();
  }

  Saved save() {
    List<String> recent = new ArrayList<>(previousPoll);
    // mid-poll, this poll's keys are the ones a restarted poll must not deliver again
    thisPoll.stream().filter(k -> !previousPoll.contains(k)).forEach(recent::add);
    return new Saved(mark, new ArrayList<>(atMark), recent);
  }

  /**
   * Orders incremental values: numerically when both are numbers (or numeric texts, as Socrata sends them), else
   * as texts, which orders ISO-8601 times of one fixed format as time.
   */
  static int compare(JsonNode a, JsonNode b) {
    Optional<BigDecimal> x = Numbers.decimal(a);
    Optional<BigDecimal> y = Numbers.decimal(b);
    if (x.isPresent() && y.isPresent()) {
      return x.get().compareTo(y.get());
    }
    return a.asText().compareTo(b.asText());
  }
}
