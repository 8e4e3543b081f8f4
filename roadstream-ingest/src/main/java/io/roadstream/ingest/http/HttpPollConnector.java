package io.roadstream.ingest.http;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.event.DeadLetterReason;
import io.roadstream.core.retry.RetrySchedule;
import io.roadstream.ingest.connect.Connector;
import io.roadstream.ingest.connect.EventSink;
import io.roadstream.ingest.connect.SourceRecord;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls an HTTP JSON API every {@code intervalSeconds}, follows its pagination, maps each record with a
 * {@link RecordMapping} and hands the events to the sink.
 *
 * <p>Delivery: after each page the poller flushes the sink and only then saves its {@link SyncState} (the
 * high-water mark with the keys at it, or the keys of the last poll) in the state directory; a restart resumes from
 * the saved state, so what reached Kafka is neither skipped nor repeated. A stop requested in the middle of a page
 * takes effect after the record being delivered: the state saved is exactly what was delivered. Pagination
 * positions (next links, cursors) are not saved: they expire; a restart starts a fresh poll from the mark.
 *
 * <p>Failures: 5xx, timeouts and 429 are retried by {@link PageFetcher}; when it gives up, {@link #run} throws a
 * {@link PollFailedException} and the runtime runs the poller again later. A page that is not JSON, or has nothing
 * at the records pointer, goes to the dead letters as one MALFORMED record and the poll goes on where it can (see
 * {@link Paging}). A record that does not map goes to the dead letters naming the field.
 */
public final class HttpPollConnector implements Connector {

  private static final Logger LOG = LoggerFactory.getLogger(HttpPollConnector.class);
  /** Kafka's default maximum message is 1 MiB; a dead letter keeps the start of a larger page. */
  private static final int MAX_DEAD_LETTER_BYTES = 256 * 1024;

  private final HttpPollSettings settings;
  private final RecordMapping mapping;
  private final SyncStateStore store;
  private final PageFetcher fetcher;
  private final Paging paging;
  private final Clock clock;
  private final PollStats stats = new PollStats();
  private final ObjectMapper json = new ObjectMapper();
  private final JsonPointer incrementalField;
  private final Template dedupKey;

  /**
   * @param stateDir where the poller keeps {@code <name>.http-poll.json}; shared by the pollers of one process
   * @param client   shared by pollers or not; its connect timeout is the caller's
   */
  public HttpPollConnector(HttpPollSettings settings, RecordMapping mapping, Path stateDir, HttpClient client,
      Clock clock) {
    this.settings = settings;
    this.mapping = mapping;
    this.store = new SyncStateStore(stateDir, settings.name());
    this.clock = clock;
    HttpPollSettings.Retry r = settings.retry();
    RetrySchedule schedule = new RetrySchedule(r.maxAttempts(), Duration.ofMillis(r.initialBackoffMs()),
        Duration.ofMillis(r.maxBackoffMs()), r.multiplier());
    this.fetcher = new PageFetcher(settings.name(), client, Duration.ofMillis(settings.timeoutMs()),
        settings.headers(), schedule, stats, clock);
    this.paging = new Paging(settings.pagination());
    this.incrementalField = settings.incremental() == null ? null
        : JsonPointers.compile(settings.incremental().field());
    this.dedupKey = settings.dedupKey() == null ? null : Template.parse(settings.dedupKey());
  }

  /**
   * A poller with its own HTTP client and the system clock; the mapping is the settings' inline one or the one
   * they name.
   *
   * @param path the settings' key, for messages: {@code ingest.sources[1]}
   */
  public static HttpPollConnector create(HttpPollSettings settings, String path, Path stateDir) {
    MappingSpec spec = new HttpPollSettingsReader().mapping(settings, path);
    RecordMapping mapping = RecordMapping.compile(spec, settings.vars(), path + ".mapping", new EventCodec());
    HttpClient client = HttpClient.newBuilder()
        .connectTimeout(Duration.ofMillis(settings.timeoutMs()))
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
    return new HttpPollConnector(settings, mapping, stateDir, client, Clock.systemUTC());
  }

  @Override
  public String name() {
    return settings.name();
  }

  /** Live counters of this poller. */
  public PollStats stats() {
    return stats;
  }

  @Override
  public void run(EventSink sink, Stop stop) throws Exception {
    SyncState state = new SyncState(store.load());
    LOG.info("{}: polling {} every {} s{}", settings.name(), Redaction.describe(settings.url()),
        settings.intervalSeconds(), state.mark().map(m -> ", from high-water mark " + m).orElse(""));
    while (!stop.requested()) {
      long started = clock.millis();
      if (!poll(sink, stop, state)) {
        return;
      }
      long wait = settings.intervalSeconds() * 1000L - (clock.millis() - started);
      if (stop.await(Math.max(0, wait))) {
        return;
      }
    }
  }

  /** One poll: every page from the first to the last. @return false when stop was requested */
  private boolean poll(EventSink sink, Stop stop, SyncState state)
      throws PollFailedException, InterruptedException, IOException {
    stats.countPoll();
    URI base = QueryStrings.with(URI.create(settings.url()), query(state));
    URI uri = paging.first(base);
    for (int number = 1; uri != null; number++) {
      if (number > settings.maxPagesPerPoll()) {
        LOG.warn("{}: stopped this poll after maxPagesPerPoll = {} pages; the next poll goes on{}", settings.name(),
            settings.maxPagesPerPoll(), incrementalField == null ? " from the first page" : " from the mark");
        break;
      }
      Optional<Page> page = fetcher.fetch(uri, number, stop);
      if (page.isEmpty()) {
        return false;
      }
      Optional<URI> next = deliver(page.get(), base, sink, stop, state);
      // the state may only claim what Kafka has
      sink.flush();
      store.save(state.save());
      if (stop.requested()) {
        return false;
      }
      uri = next.orElse(null);
    }
    state.pollCompleted();
    store.save(state.save());
    return true;
  }

  private Map<String, String> query(SyncState state) {
    Map<String, String> query = new LinkedHashMap<>(settings.query());
    HttpPollSettings.Incremental inc = settings.incremental();
    if (inc != null) {
      Optional<String> mark = state.mark().map(JsonNode::asText).or(() -> Optional.ofNullable(inc.start()));
      mark.ifPresent(m -> query.put(inc.param(), inc.format().replace("{mark}", m)));
    }
    return query;
  }

  /** Hands the page's records to the sink. @return the next page, empty at the last or when it cannot be told */
  private Optional<URI> deliver(Page page, URI base, EventSink sink, Stop stop, SyncState state)
      throws InterruptedException {
    Optional<JsonNode> body = parse(page);
    if (body.isEmpty()) {
      reject(sink, page, notJson(page));
      return paging.next(base, page, body, null);
    }
    Optional<List<JsonNode>> records = mapping.records(body.get());
    if (records.isEmpty()) {
      reject(sink, page, "the page has no records at '" + mapping.recordsPointer() + "' (it has: "
          + fieldNames(body.get()) + ")");
      return paging.next(base, page, body, null);
    }
    List<JsonNode> list = records.get();
    for (int i = 0; i < list.size() && !stop.requested(); i++) {
      deliver(list.get(i), page.location() + ", record " + (i + 1), page.fetchedAt(), sink, state);
    }
    return paging.next(base, page, body, list.size());
  }

  private void deliver(JsonNode record, String location, long fetchedAt, EventSink sink, SyncState state)
      throws InterruptedException {
    if (incrementalField != null) {
      JsonNode value = record.at(incrementalField);
      if (value.isMissingNode() || value.isNull() || value.isContainerNode()) {
        accept(sink, new SourceRecord.Rejected(record.toString(), location, DeadLetterReason.INVALID,
            "field '" + settings.incremental().field() + "' (the incremental field) is missing: the record cannot"
                + " be placed in the sync"));
        return;
      }
      String key = key(record);
      if (!state.isNew(value, key)) {
        stats.countDuplicate();
        return;
      }
      accept(sink, mapping.map(record, fetchedAt, settings.intervalSeconds(), location));
      state.delivered(value, key);
    } else {
      if (dedupKey != null && state.seenRecently(key(record))) {
        stats.countDuplicate();
        return;
      }
      accept(sink, mapping.map(record, fetchedAt, settings.intervalSeconds(), location));
    }
  }

  private void accept(EventSink sink, SourceRecord record) throws InterruptedException {
    sink.accept(record);
    if (record instanceof SourceRecord.Rejected) {
      stats.countRejected();
    } else {
      stats.countEvent();
    }
  }

  private Optional<JsonNode> parse(Page page) {
    try {
      JsonNode node = json.readTree(page.body());
      return node == null || node.isMissingNode() ? Optional.empty() : Optional.of(node);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private String notJson(Page page) {
    if (page.body().length == 0) {
      return "the page is empty, not JSON";
    }
    try {
      json.readTree(page.body());
      return "the page is not JSON";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return "the page is not JSON (" + page.headers().firstValue("Content-Type").orElse("no Content-Type") + "): "
          + e.getOriginalMessage();
    } catch (IOException e) {
      return "the page is not JSON: " + e.getMessage();
    }
  }

  private void reject(EventSink sink, Page page, String reason) throws InterruptedException {
    byte[] body = page.body();
    String kept = body.length > MAX_DEAD_LETTER_BYTES ? " (the first " + MAX_DEAD_LETTER_BYTES + " of " + body.length
        + " bytes are kept)" : "";
    accept(sink, new SourceRecord.Rejected(Arrays.copyOf(body, Math.min(body.length, MAX_DEAD_LETTER_BYTES)),
        page.location(), DeadLetterReason.MALFORMED, reason + kept));
  }

  /** A record's identity: the configured template, else a digest of the whole record. */
  private String key(JsonNode record) {
    if (dedupKey != null) {
      Optional<String> key = dedupKey.render(record, settings.vars());
      if (key.isPresent()) {
        return key.get();
      }
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(record.toString().getBytes(StandardCharsets.UTF_8));
      return "sha256:" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static String fieldNames(JsonNode node) {
    if (!node.isObject()) {
      return "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
    StringBuilder names = new StringBuilder();
    node.fieldNames().forEachRemaining(n -> names.append(names.length() == 0 ? "" : ", ").append(n));
    return names.length() == 0 ? "no fields" : names.toString();
  }
}
