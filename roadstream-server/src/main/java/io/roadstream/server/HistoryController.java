package io.roadstream.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.roadstream.core.event.SegmentStats;
import io.roadstream.core.history.RolledUpStats;
import io.roadstream.core.history.TypicalSpeed;
import io.roadstream.core.history.WeekSlot;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.store.HistoryRepository;
import io.roadstream.store.HistoryRepository.StoredTypicalSpeed;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/segments/{id}/history} (JSON, or CSV with {@code format=csv} or {@code Accept: text/csv}) and
 * {@code GET /api/segments/{id}/typical}: a segment's history at 1m, 15m or 1h, and its typical speed by quarter hour
 * of the week.
 */
final class HistoryController {

  static final String CSV = "text/csv; charset=utf-8";
  private static final Logger LOG = LoggerFactory.getLogger(HistoryController.class);

  private final RoadNetwork network;
  private final HistoryRepository history;
  private final JsonViews json;
  private final Clock clock;

  HistoryController(RoadNetwork network, HistoryRepository history, JsonViews json, Clock clock) {
    this.network = network;
    this.history = history;
    this.json = json;
    this.clock = clock;
  }

  /** GET /api/segments/{id}/history?from=&to=&resolution=1m|15m|1h&format=json|csv */
  void history(Context ctx) {
    String segmentId = requireSegment(ctx);
    HistoryQuery query = HistoryQuery.parse(ctx.queryParam("from"), ctx.queryParam("to"),
        ctx.queryParam("resolution"), clock);
    boolean csv = wantsCsv(ctx.queryParam("format"), ctx.header("Accept"));
    List<RolledUpStats> rows = read(() -> history.between(query.resolution(), segmentId, query.from(), query.to()),
        segmentId);
    if (csv) {
      ctx.header("Content-Disposition", "attachment; filename=\"" + fileName(segmentId, query) + "\"");
      ctx.contentType(CSV).result(HistoryCsv.write(rows));
      return;
    }
    ObjectNode body = json.object();
    body.put("segmentId", segmentId);
    body.put("from", query.from().toString());
    body.put("to", query.to().toString());
    body.put("resolution", query.resolution().label());
    ArrayNode list = body.putArray("rows");
    for (RolledUpStats row : rows) {
      SegmentStats s = row.stats();
      ObjectNode n = list.addObject();
      n.put("start", Instant.ofEpochMilli(s.windowStart()).toString());
      n.put("end", Instant.ofEpochMilli(s.windowEnd()).toString());
      n.put("avgSpeedKmh", s.avgSpeedKmh());
      n.put("flowVehPerHour", s.flowVehPerHour());
      n.put("densityVehPerKmPerLane", s.densityVehPerKmPerLane());
      n.put("occupancy", s.occupancy());
      n.put("travelTimeS", s.travelTimeS());
      n.put("los", s.los() == null ? null : s.los().name());
      n.put("detectorSamples", s.detectorSamples());
      n.put("probeSamples", s.probeSamples());
      n.put("windows", row.sums().windows());
      n.put("vehicles", row.sums().flowS() > 0 ? row.sums().vehicles() : null);
    }
    ctx.contentType(ContentType.APPLICATION_JSON).result(json.write(body));
  }

  /** GET /api/segments/{id}/typical?at= : every slot with a typical speed, or the one that holds {@code at}. */
  void typical(Context ctx) {
    String segmentId = requireSegment(ctx);
    String atParam = ctx.queryParam("at");
    Instant at = atParam == null ? null : TimeRange.instant("at", atParam);
    List<StoredTypicalSpeed> speeds = read(() -> history.typicalSpeeds(segmentId), segmentId);
    ObjectNode body = json.object();
    body.put("segmentId", segmentId);
    body.put("slotMinutes", 15);
    body.put("timeZone", speeds.isEmpty() ? null : speeds.get(0).zone().getId());
    body.put("statistic", "median of the slot's 15-minute space-mean speed over the last weeks, with the 15th "
        + "and 85th percentiles");
    ArrayNode slots = body.putArray("slots");
    for (StoredTypicalSpeed stored : speeds) {
      TypicalSpeed t = stored.speed();
      if (at != null && !t.slot().equals(WeekSlot.of(at, stored.zone()))) {
        continue;
      }
      ObjectNode n = slots.addObject();
      n.put("slot", t.slot().index());
      n.put("day", t.slot().day().name());
      n.put("start", t.slot().start().toString());
      n.put("medianSpeedKmh", t.medianKmh());
      n.put("p15SpeedKmh", t.p15Kmh());
      n.put("p85SpeedKmh", t.p85Kmh());
      n.put("weeks", t.samples());
      n.put("computedAt", stored.computedAt().toString());
    }
    ctx.contentType(ContentType.APPLICATION_JSON).result(json.write(body));
  }

  /**
   * {@code format} decides when given; otherwise the first of text/csv and application/json that the Accept header
   * names (browsers and curl send neither, or * / *, and get JSON).
   */
  static boolean wantsCsv(String format, String accept) {
    if (format != null) {
      return switch (format.trim().toLowerCase(Locale.ROOT)) {
        case "csv" -> true;
        case "json" -> false;
        default -> throw ApiException.badRequest("parameter 'format' must be json or csv, got '"
            + TimeRange.shorten(format) + "'");
      };
    }
    if (accept == null) {
      return false;
    }
    for (String range : accept.split(",")) {
      String type = range.split(";")[0].trim().toLowerCase(Locale.ROOT);
      if (type.equals("text/csv")) {
        return true;
      }
      if (type.equals("application/json")) {
        return false;
      }
    }
    return false;
  }

  private String requireSegment(Context ctx) {
    String segmentId = ctx.pathParam("id");
    if (network.segment(segmentId).isEmpty()) {
      throw ApiException.notFound("no segment '" + segmentId + "' in network '" + network.name() + "'");
    }
    return segmentId;
  }

  private static String fileName(String segmentId, HistoryQuery q) {
    return (segmentId + "_" + q.resolution().label() + "_" + q.from() + "_" + q.to()).replaceAll("[^A-Za-z0-9._-]",
        "-") + ".csv";
  }

  private interface Read<T> {
    T get() throws SQLException;
  }

  private static <T> T read(Read<T> read, String segmentId) {
    try {
      return read.get();
    } catch (SQLException e) {
      LOG.warn("history of segment {} failed: {}", segmentId, e.getMessage());
      throw ApiException.unavailable("the history database does not answer; try again shortly");
    }
  }
}
