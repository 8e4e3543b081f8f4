package io.roadstream.core.retry;

import io.roadstream.core.config.RoadstreamConfig;
import java.time.Duration;

/**
 * When a failed attempt (a webhook delivery, a poll of an API) is tried again: exponential backoff, {@code initial × multiplier^(n-1)} after the
 * n-th failed attempt, capped at {@code max}, and no further attempt after {@code maxAttempts}. No jitter: the
 * deliveries of one incident go to different receivers, so their retries do not stampede one of them.
 */
public record RetrySchedule(int maxAttempts, Duration initial, Duration max, double multiplier) {

  public static RetrySchedule of(RoadstreamConfig.Dispatch.Retry retry) {
    return new RetrySchedule(retry.maxAttempts(), Duration.ofMillis(retry.initialBackoffMs()),
        Duration.ofMillis(retry.maxBackoffMs()), retry.multiplier());
  }

  /** The wait after {@code failedAttempts} attempts have failed (1 = the first one). */
  public Duration delayAfter(int failedAttempts) {
    if (failedAttempts < 1) {
      throw new IllegalArgumentException("failedAttempts must be at least 1, got " + failedAttempts);
    }
    // a double reaches Infinity rather than wrapping around, and min() then caps it
    double millis = initial.toMillis() * Math.pow(multiplier, failedAttempts - 1);
    return Duration.ofMillis((long) Math.min(max.toMillis(), millis));
  }

  /** True when {@code attempts} attempts were made and none may follow. */
  public boolean exhausted(int attempts) {
    return attempts >= maxAttempts;
  }
}
