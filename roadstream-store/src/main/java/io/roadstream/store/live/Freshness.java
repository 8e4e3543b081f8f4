package io.roadstream.store.live;

import java.time.Instant;

/**
 * Whether a live view is up to date. Stale means the view could not follow its source (Redis, or PostgreSQL without
 * Redis) since {@code staleSince}, for {@code reason}; it still answers with the last picture it had.
 *
 * @param source     where the view comes from: {@code redis} or {@code postgresql}
 * @param staleSince when it stopped following, null while fresh
 * @param reason     why, null while fresh
 */
public record Freshness(String source, boolean stale, Instant staleSince, String reason) {

  public static Freshness fresh(String source) {
    return new Freshness(source, false, null, null);
  }

  public static Freshness stale(String source, Instant since, String reason) {
    return new Freshness(source, true, since, reason);
  }
}
