package io.roadstream.server;

import io.roadstream.store.SegmentStatsRepository;
import java.time.Instant;

/** Whether the server can do its job: the database answers a query on the statistics table. */
public final class HealthService {

  /** Far enough ahead that the probe query finds nothing, through the index, whatever the table holds. */
  private static final Instant FUTURE = Instant.parse("9999-01-01T00:00:00Z");

  /** @param reason why the server is down; null when up */
  public record Health(boolean up, String reason) {}

  private final SegmentStatsRepository repository;

  public HealthService(SegmentStatsRepository repository) {
    this.repository = repository;
  }

  public Health check() {
    try {
      repository.updatedSince(FUTURE, 1);
      return new Health(true, null);
    } catch (Exception e) {
      return new Health(false, "database: " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }
}
