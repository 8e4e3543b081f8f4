package io.roadstream.server;

import io.roadstream.core.event.SegmentStats;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.store.SegmentStatsRepository;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The stored statistics of one segment of the network over a time range. */
public final class SegmentHistoryService {

  private static final Logger LOG = LoggerFactory.getLogger(SegmentHistoryService.class);

  private final RoadNetwork network;
  private final SegmentStatsRepository repository;

  public SegmentHistoryService(RoadNetwork network, SegmentStatsRepository repository) {
    this.network = network;
    this.repository = repository;
  }

  /**
   * Windows of {@code segmentId} starting in the range, oldest first.
   *
   * @throws ApiException 404 for a segment the network does not have, 503 when the database does not answer
   */
  public List<SegmentStats> history(String segmentId, TimeRange range) {
    if (network.segment(segmentId).isEmpty()) {
      throw ApiException.notFound("no segment '" + segmentId + "' in network '" + network.name() + "'");
    }
    try {
      return repository.between(segmentId, range.from(), range.to());
    } catch (SQLException e) {
      LOG.warn("history of segment {} failed: {}", segmentId, e.getMessage());
      throw ApiException.unavailable("the statistics database does not answer; try again shortly");
    }
  }
}
