package io.roadstream.ingest.http;

import io.roadstream.core.event.DeadLetterReason;
import io.roadstream.ingest.connect.RecordingSink;
import static org.assertj.core.api.Assertions.assertThat;

import io.roadstream.ingest.connect.SinkException;
import io.roadstream.ingest.connect.SourceRecord;
import io.roadstream.ingest.connect.StopSignal;
import io.roadstream.ingest.http.FakeTrafficApi.Answer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The poller against a real HTTP server that pages, rate-limits, fails and stalls like a real API: pagination by
 * next link, cursor and offset; a 429 with Retry-After; a 500 then success; a timeout; a malformed page (dead
 * letter, the poller goes on); a restart mid-stream (no gap, no duplicate); exhausted retries (the run throws).
 */
class HttpPollConnectorTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir
  Path stateDir;

  private final FakeTrafficApi api = newApi();
  private final HttpPollSettingsReader reader = new HttpPollSettingsReader();

  @AfterEach
  void closeApi() {
    api.close();
  }

  @Test
  void followsNextLinksUntilTheLastPage() throws Exception {
    api.add(12);
    HttpPollConnector poller = poller("/links", "/items", "pagination: {type: next-link, nextLink: /next}");
    RecordingSink sink = new RecordingSink();

    try (RunningConnector running = RunningConnector.start(poller, sink, new StopSignal())) {
      running.awaitUntil(WAIT, "sink.records().size() == 12", () -> sink.records().size() == 12);
    }

    assertThat(sink.sensorIds()).containsExactlyElementsOf(api.sensorIds());
    assertThat(api.requests()).extracting(r -> r.query().get("page")).startsWith(null, "2", "3");
    assertThat(poller.stats().pagesFetched()).isGreaterThanOrEqualTo(3);
    assertThat(api.requests().get(0).headers()).containsEntry("x-api-key", "secret-key-123");
  }

  @Test
  void followsCursorsUntilTheCursorIsEmpty() throws Exception {
    api.add(11);
    HttpPollConnector poller = poller("/cursor", "/data",
        "pagination: {type: cursor, cursor: /meta/next_cursor, cursorParam: cursor}");
    RecordingSink sink = new RecordingSink();

    try (RunningConnector running = RunningConnector.start(poller, sink, new StopSignal())) {
      running.awaitUntil(WAIT, "sink.records().size() == 11", () -> sink.records().size() == 11);
    }

    assertThat(sink.sensorIds()).containsExactlyElementsOf(api.sensorIds());
    assertThat(api.requests()).extracting(r -> r.query().get("cursor")).startsWith(null, "c5", "c10");
  }

  @Test
  void waitsForRetryAfterSecondsOnA429() throws Exception {
    api.add(3).script(Answer.tooManyRequests("1"));
    HttpPollConnector poller = poller("/links", "/items", "pagination: {type: next-link, nextLink: /next}");
    RecordingSink sink = new RecordingSink();

    try (RunningConnector running = RunningConnector.start(poller, sink, new StopSignal())) {
      running.awaitUntil(WAIT, "sink.records().size() == 3", () -> sink.records().size() == 3);
    }

    List<FakeTrafficApi.Request> requests = api.requests();
    assertThat(requests.get(1).arrivedAtMillis() - requests.get(0).arrivedAtMillis())
        .as("the second request waits the 1 s the 429 asked for, not the 50 ms backoff").isGreaterThanOrEqualTo(950);
    assertThat(poller.stats().rateLimited()).isEqualTo(1);
    assertThat(sink.sensorIds()).containsExactlyElementsOf(api.sensorIds());
  }

  @Test
  void waitsUntilARetryAfterDate() throws Exception {
    // HTTP-dates have whole seconds: two seconds ahead is between one and two seconds of waiting
    ZonedDateTime retryAt = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
    String inTwoSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(retryAt);
    api.add(2).script(Answer.tooManyRequests(inTwoSeconds));
    HttpPollConnector poller = poller("/links", "/items", "");
    RecordingSink sink = new RecordingSink();

    try (RunningConnector running = RunningConnector.start(poller, sink, new StopSignal())) {
      running.awaitUntil(WAIT, "sink.records().size() == 2", () -> sink.records().size() == 2);
    }

    List<FakeTrafficApi.Request> requests = api.requests();
    // the date is an instant: the retry comes at or after it, however long the first request took to arrive
    assertThat(requests.get(1).arrivedAtMillis()).as("the retry's arrival, against the date it was told")
        .isGreaterThanOrEqualTo(retryAt.toInstant().toEpochMilli());
  }

  @Test
  void retriesA500AndDeliversThePageOnce() throws Exception {
    api.add(4).script(Answer.status(500));
    HttpPollConnector poller = poller("/links", "/items", "");
    RecordingSink sink = new RecordingSink();

    try (RunningConnector running = RunningConnector.start(poller, sink, new StopSignal())) {
      running.awaitUntil(WAIT, "sink.records().size() == 4", () -> sink.records().size() == 4);
    }

    assertThat(poller.stats().retries()).isEqualTo(1);
    assertThat(sink.sensorIds()).containsExactlyElementsOf(api.sensorIds());
    assertThat(sink.rejected()).isEmpty();
  }

  @Test
  void retriesAnAnswerSlowerThanTheTimeout() throws Exception {
    api.add(2).script(Answer.slow(3_000));
    HttpPollConnector poller = poller("/links", "/items", "timeoutMs: 300");
    RecordingSink sink = new RecordingSink();

    try (RunningConnector running = RunningConnector.start(poller, sink, new StopSignal())) {
      running.awaitUntil(WAIT, "sink.records().size() == 2", () -> sink.records().size() == 2);
    }

    assertThat(poller.stats().retries()).isEqualTo(1);
    assertThat(api.requests().get(1).arrivedAtMillis() - api.requests().get(0).arrivedAtMillis())
        .as("the retry follows the 300 ms timeout, not the 3 s answer").isLessThan(2_000);
  }

  @Test
  void throwsWhenRetriesAreExhaustedWithoutShowingSecrets() throws Exception {
    api.add(2).script(Answer.status(503), Answer.status(503), Answer.status(503));
    HttpPollConnector poller = poller("/links?key=query-secret-456", "/items", "");
    RecordingSink sink = new RecordingSink();

    Throwable failure = RunningConnector.start(poller, sink, new StopSignal()).awaitFailure(WAIT);

    assertThat(failure).isInstanceOf(PollFailedException.class)
        .hasMessageContaining("503").hasMessageContaining("after 3 attempts").hasMessageContaining("/links")
        .hasMessageNotContaining("query-secret-456").hasMessageNotContaining("secret-key-123");
    assertThat(api.requests()).hasSize(3);
    assertThat(sink.records()).isEmpty();
  }

  @Test
  void deadLettersAPageThatIsNotJsonAndGoesOnWithTheNextPage() throws Exception {
    api.add(13).replacePage(2, "text/html", "<html><body>502 Bad Gateway</body></html>");
    HttpPollConnector poller = poller("/offset", "",
        "pagination: {type: offset, limitParam: limit, offsetParam: offset, pageSize: 5}");
    RecordingSink sink = new RecordingSink();

    try (RunningConnector running = RunningConnector.start(poller, sink, new StopSignal())) {
      running.awaitUntil(WAIT, "RecordingSink.readings(sink.records()) >= 8", () -> RecordingSink.readings(sink.records()) >= 8);
    }

    SourceRecord.Rejected page = sink.rejected().get(0);
    assertThat(page.code()).isEqualTo(DeadLetterReason.MALFORMED);
    assertThat(page.location()).contains("/offset").contains("page 2");
    assertThat(page.reason()).contains("not JSON").contains("text/html");
    assertThat(new String(page.payload())).contains("502 Bad Gateway");
    // pages 1 and 3 of the first poll: the records of the unreadable page are not invented
    assertThat(sink.sensorIds()).startsWith("feed-1", "feed-2", "feed-3", "feed-4", "feed-5", "feed-11", "feed-12",
        "feed-13");
  }

  @Test
  void deadLettersAPageWithoutRecordsAndFollowsItsNextLink() throws Exception {
    api.add(12).replacePage(2, "application/json",
        "{\"error\": \"partial outage\", \"next\": \"/links?page=3\"}");
    HttpPollConnector poller = poller("/links", "/items", "pagination: {type: next-link, nextLink: /next}");
    RecordingSink sink = new RecordingSink();

    try (RunningConnector running = RunningConnector.start(poller, sink, new StopSignal())) {
      running.awaitUntil(WAIT, "RecordingSink.readings(sink.records()) >= 7", () -> RecordingSink.readings(sink.records()) >= 7);
    }

    assertThat(sink.rejected().get(0).reason()).contains("no records at '/items'").contains("error, next");
    assertThat(sink.sensorIds()).startsWith("feed-1", "feed-2", "feed-3", "feed-4", "feed-5", "feed-11", "feed-12");
  }

  @Test
  void restartsMidStreamWithoutGapOrDuplicate() throws Exception {
    api.add(23);
    String incremental = """
        pagination: {type: next-link, nextLink: /next}
        incremental: {param: since, field: /seq}
        dedupKey: "{/seq}"
        """;
    // the first poller stops in the middle of its second page
    StopSignal firstStop = new StopSignal();
    RecordingSink first = new RecordingSink().stopWhen(firstStop, r -> r.size() == 7);
    RunningConnector.start(poller("/links", "/items", 1, incremental), first, firstStop).awaitReturn(WAIT);
    assertThat(first.sensorIds()).hasSize(7);
    assertThat(first.flushed()).as("stopping flushes what was delivered").hasSize(7);

    // meanwhile the API gains records; a new poller on the same state directory resumes
    api.add(6);
    HttpPollConnector second = poller("/links", "/items", 1, incremental);
    RecordingSink secondSink = new RecordingSink();
    try (RunningConnector running = RunningConnector.start(second, secondSink, new StopSignal())) {
      running.awaitUntil(WAIT, "first.sensorIds().size() + secondSink.sensorIds().size() == 29", () -> first.sensorIds().size() + secondSink.sensorIds().size() == 29);
      // one more poll at the mark: the record at the mark comes back from the API and must be dropped
      long polls = second.stats().polls();
      running.awaitUntil(WAIT, "second.stats().polls() > polls + 1", () -> second.stats().polls() > polls + 1);
    }

    List<String> union = new java.util.ArrayList<>(first.sensorIds());
    union.addAll(secondSink.sensorIds());
    assertThat(union).containsExactlyElementsOf(api.sensorIds());
    assertThat(api.requests().get(api.requests().size() - 1).query()).containsEntry("since", "29");
    assertThat(second.stats().duplicates()).isPositive();
  }

  @Test
  void savesTheMarkOnlyAfterAFlush() throws Exception {
    api.add(3);
    String incremental = "incremental: {param: since, field: /seq}";
    RecordingSink failing = new RecordingSink().failFlushes();
    Throwable failure = RunningConnector.start(poller("/links", "/items", incremental), failing, new StopSignal())
        .awaitFailure(WAIT);
    assertThat(failure).isInstanceOf(SinkException.class);

    RecordingSink sink = new RecordingSink();
    try (RunningConnector running = RunningConnector.start(poller("/links", "/items", incremental), sink,
        new StopSignal())) {
      running.awaitUntil(WAIT, "sink.records().size() == 3", () -> sink.records().size() == 3);
    }
    assertThat(sink.sensorIds()).as("what no flush confirmed is delivered again").containsExactly("feed-1",
        "feed-2", "feed-3");
  }

  /** A poller that polls once within a test: every assertion sees exactly one poll's records. */
  private HttpPollConnector poller(String path, String recordsPointer, String extraYaml) {
    return poller(path, recordsPointer, 60, extraYaml);
  }

  private HttpPollConnector poller(String path, String recordsPointer, int intervalSeconds, String extraYaml) {
    String yaml = """
        type: http-poll
        name: feed
        url: "%s"
        intervalSeconds: %d
        timeoutMs: 2000
        headers: {X-Api-Key: secret-key-123}
        mapping:
          emits: readings
          records: "%s"
          fields:
            sensorId: {template: "feed-{/seq}"}
            time: {pointer: /time}
            avgSpeedKmh: {pointer: /speedMph, unit: mph}
            vehicleCount: {constant: 0}
        retry: {maxAttempts: 3, initialBackoffMs: 50, maxBackoffMs: 200, multiplier: 2}
        """.formatted(api.url(path), intervalSeconds, recordsPointer) + extraYaml;
    HttpPollSettings settings = reader.read(yaml, "ingest.sources[0]");
    return HttpPollConnector.create(settings, "ingest.sources[0]", stateDir);
  }

  private static FakeTrafficApi newApi() {
    try {
      return new FakeTrafficApi();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
