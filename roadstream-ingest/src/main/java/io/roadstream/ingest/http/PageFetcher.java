package io.roadstream.ingest.http;

import io.roadstream.core.retry.RetrySchedule;
import io.roadstream.ingest.connect.Connector;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GETs one page, retrying what may pass: 5xx answers, timeouts and connection failures after the
 * {@link RetrySchedule}'s backoff, 429 after the server's {@code Retry-After} (the schedule's when it gives none).
 * Each of these counts as an attempt, so an API that keeps refusing ends in a {@link PollFailedException} once the
 * schedule is exhausted; any other non-2xx fails at once. Waits are on the connector's {@link Connector.Stop}, so a
 * shutdown does not wait out a backoff.
 */
final class PageFetcher {

  private static final Logger LOG = LoggerFactory.getLogger(PageFetcher.class);

  private final String source;
  private final HttpClient client;
  private final Duration timeout;
  private final Map<String, String> headers;
  private final RetrySchedule schedule;
  private final PollStats stats;
  private final Clock clock;

  PageFetcher(String source, HttpClient client, Duration timeout, Map<String, String> headers,
      RetrySchedule schedule, PollStats stats, Clock clock) {
    this.source = source;
    this.client = client;
    this.timeout = timeout;
    this.headers = headers;
    this.schedule = schedule;
    this.stats = stats;
    this.clock = clock;
  }

  /** @return the page, or empty when stop was requested while waiting to retry */
  Optional<Page> fetch(URI uri, int number, Connector.Stop stop) throws PollFailedException, InterruptedException {
    HttpRequest request = request(uri);
    String where = "GET " + Redaction.describe(uri) + " (page " + number + ")";
    for (int attempt = 1; ; attempt++) {
      String failure;
      Duration wait;
      try {
        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
          stats.countPage();
          return Optional.of(new Page(uri, number, response.headers(), response.body(), clock.millis()));
        }
        if (status == 429) {
          stats.countRateLimited();
          Optional<Duration> after = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null),
              clock.instant());
          failure = "429 Too Many Requests" + after.map(d -> " (Retry-After " + d.toMillis() + " ms)").orElse("");
          wait = after.orElse(schedule.delayAfter(attempt));
        } else if (status >= 500) {
          failure = "answered " + status;
          wait = schedule.delayAfter(attempt);
        } else {
          // 4xx: the request is wrong (a revoked key, a moved endpoint); asking again will not change the answer
          throw new PollFailedException(source + ": " + where + " answered " + status + " (not retried)");
        }
      } catch (HttpTimeoutException e) {
        failure = "no answer within " + timeout.toMillis() + " ms";
        wait = schedule.delayAfter(attempt);
      } catch (IOException e) {
        failure = "failed: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
        wait = schedule.delayAfter(attempt);
      }
      if (schedule.exhausted(attempt)) {
        throw new PollFailedException(source + ": " + where + " " + failure + "; gave up after " + attempt
            + " attempts");
      }
      LOG.warn("{}: {} {}; attempt {} of {}, retrying in {} ms", source, where, failure, attempt,
          schedule.maxAttempts(), wait.toMillis());
      if (stop.await(wait.toMillis())) {
        return Optional.empty();
      }
      stats.countRetry();
    }
  }

  private HttpRequest request(URI uri) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).GET();
    if (headers.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("Accept"))) {
      b.header("Accept", "application/json");
    }
    headers.forEach(b::header);
    return b.build();
  }
}
