package io.roadstream.server.dispatch;

import io.roadstream.core.config.RoadstreamConfig.Dispatch.Webhook;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * POSTs one incident to one webhook and reports what happened; never throws for what the receiver does. The
 * {@code Idempotency-Key} header carries the incident id so that a receiver can drop a delivery it already has.
 */
final class WebhookClient {

  /** How much of an error response is kept in the delivery log. */
  private static final int ERROR_BODY_CHARS = 300;

  /**
   * What one attempt got.
   *
   * @param httpStatus the response status, or null when no response came
   * @param error      null when delivered; else what went wrong, for the delivery log
   */
  record Outcome(Integer httpStatus, String error) {
    boolean delivered() {
      return httpStatus != null && httpStatus >= 200 && httpStatus < 300;
    }
  }

  private final HttpClient http;
  private final Duration timeout;

  WebhookClient(Duration timeout) {
    this.timeout = timeout;
    // redirects are not followed: a moved webhook is a configuration error the delivery log should show
    this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** @param attempt 1-based, sent as {@code X-Roadstream-Attempt} for the receiver's logs */
  Outcome post(Webhook webhook, String incidentId, int attempt, String json) throws InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(webhook.url()))
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", incidentId)
        .header("X-Roadstream-Attempt", String.valueOf(attempt))
        .header("User-Agent", "roadstream-dispatcher")
        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    if (!webhook.token().isEmpty()) {
      request.header("Authorization", "Bearer " + webhook.token());
    }
    try {
      HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        if (response.statusCode() >= 200 && response.statusCode() < 300) {
          return new Outcome(response.statusCode(), null);
        }
        String text = new String(body.readNBytes(ERROR_BODY_CHARS), StandardCharsets.UTF_8).strip();
        return new Outcome(response.statusCode(), "HTTP " + response.statusCode() + (text.isEmpty() ? "" : ": " + text));
      }
    } catch (IOException e) {
      return new Outcome(null, describe(e));
    }
  }

  private String describe(IOException e) {
    if (e instanceof java.net.http.HttpTimeoutException) {
      return "no answer within " + timeout.toMillis() + " ms (" + e.getClass().getSimpleName() + ")";
    }
    if (e instanceof java.net.ConnectException) {
      return "cannot connect: " + (e.getMessage() == null ? "connection refused" : e.getMessage());
    }
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
