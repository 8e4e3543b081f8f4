package io.roadstream.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.roadstream.core.congestion.CongestionEvent;
import io.roadstream.core.event.Incident;
import io.roadstream.core.event.SegmentStats;
import io.roadstream.core.event.SignalPlan;
import io.roadstream.core.network.Intersection;
import io.roadstream.core.network.LonLat;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.network.Segment;
import io.roadstream.store.StoredStats;
import io.roadstream.store.live.Freshness;
import io.roadstream.store.live.LivePicture;
import java.time.Instant;
import java.util.Optional;

/**
 * The JSON that people and browsers read: field names as in {@link SegmentStats}, times as ISO-8601 UTC strings,
 * unknown values as {@code null}.
 */
public final class JsonViews {

  private final ObjectMapper mapper;

  public JsonViews(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public ObjectNode stats(SegmentStats s) {
    ObjectNode node = mapper.createObjectNode();
    node.put("segmentId", s.segmentId());
    node.put("windowStart", Instant.ofEpochMilli(s.windowStart()).toString());
    node.put("windowEnd", Instant.ofEpochMilli(s.windowEnd()).toString());
    node.put("avgSpeedKmh", s.avgSpeedKmh());
    node.put("flowVehPerHour", s.flowVehPerHour());
    node.put("densityVehPerKmPerLane", s.densityVehPerKmPerLane());
    node.put("occupancy", s.occupancy());
    node.put("travelTimeS", s.travelTimeS());
    node.put("los", s.los() == null ? null : s.los().name());
    node.put("detectorSamples", s.detectorSamples());
    node.put("probeSamples", s.probeSamples());
    return node;
  }

  /** A stored row: the stats plus {@code revision} and {@code updatedAt}, so clients can keep the newest. */
  public ObjectNode stored(StoredStats row) {
    ObjectNode node = stats(row.stats());
    node.put("revision", row.revision());
    node.put("updatedAt", row.updatedAt().toString());
    return node;
  }

  /**
   * A row of {@code /api/live}: the stored row plus how fresh the picture it comes from is (see {@link #freshness}).
   */
  public ObjectNode liveRow(StoredStats row, Freshness freshness) {
    return freshness(stored(row), freshness);
  }

  /**
   * Adds the same three fields wherever the live picture is served: {@code stale} (true while the view cannot follow
   * its source and answers from what it last had), {@code staleSince} (ISO-8601, null while fresh) and
   * {@code staleReason} (null while fresh).
   */
  public ObjectNode freshness(ObjectNode node, Freshness freshness) {
    node.put("stale", freshness.stale());
    node.put("staleSince", freshness.staleSince() == null ? null : freshness.staleSince().toString());
    node.put("staleReason", freshness.reason());
    return node;
  }

  /** The live view's state on its own, for /api/status and the SSE status: its {@code source} and freshness. */
  public ObjectNode live(Freshness freshness) {
    ObjectNode node = mapper.createObjectNode();
    node.put("source", freshness.source());
    return freshness(node, freshness);
  }

  /**
   * GET /api/live/picture: the freshness fields and {@code source}, then {@code segments} (as /api/live's rows without
   * the freshness), {@code jams}, {@code incidents} and {@code signalPlans}.
   */
  public ObjectNode picture(LivePicture picture, RoadNetwork network) {
    ObjectNode node = live(picture.freshness());
    ArrayNode segments = node.putArray("segments");
    picture.segments().forEach(row -> segments.add(stored(row)));
    ArrayNode jams = node.putArray("jams");
    picture.jams().forEach(jam -> jams.add(jam(jam)));
    ArrayNode incidents = node.putArray("incidents");
    picture.incidents().forEach(incident -> incidents.add(incident(incident, network)));
    ArrayNode plans = node.putArray("signalPlans");
    picture.signalPlans().forEach(plan -> plans.add(signalPlan(plan, network)));
    return node;
  }

  /**
   * A jam as its latest event says it, with the fields of /api/jams plus {@code state} (OPENED, UPDATED, or CLEARED:
   * it has left the picture).
   */
  public ObjectNode jam(CongestionEvent e) {
    ObjectNode n = mapper.createObjectNode();
    n.put("jamId", e.jamId());
    n.put("state", e.type().name());
    n.put("openedAt", Instant.ofEpochMilli(e.openedAt()).toString());
    n.put("headSegmentId", e.headSegmentId());
    n.put("tailSegmentId", e.tailSegmentId());
    ArrayNode segments = n.putArray("segmentIds");
    for (String id : e.segmentIds()) {
      segments.add(id);
    }
    n.put("lengthKm", e.lengthKm());
    n.put("minSpeedKmh", e.minSpeedKmh());
    n.put("asOf", Instant.ofEpochMilli(e.time()).toString());
    return n;
  }

  /**
   * An incident as its latest lifecycle event says it: {@code state} (DETECTED, CONFIRMED, or CLEARED: it has left
   * the picture), kind, source, where (coordinates from the network when the event has none), vehicles, evidence,
   * {@code asOf}.
   */
  public ObjectNode incident(Incident i, RoadNetwork network) {
    ObjectNode n = mapper.createObjectNode();
    n.put("incidentId", i.incidentId());
    n.put("state", i.type().name());
    n.put("kind", i.kind());
    n.put("source", i.source());
    n.put("segmentId", i.segmentId());
    n.put("offsetM", i.offsetM());
    putPosition(n, position(i.lat(), i.lon(), i.segmentId(), i.offsetM(), network));
    ArrayNode vehicles = n.putArray("vehicleIds");
    for (String v : i.vehicleIds()) {
      vehicles.add(v);
    }
    n.put("evidence", i.evidence());
    n.put("asOf", Instant.ofEpochMilli(i.time()).toString());
    return n;
  }

  /**
   * Where something on the network is: the coordinates given, or else the point {@code offsetM} along the segment;
   * null when neither is known (a segment the network no longer has).
   */
  public static LonLat position(Double lat, Double lon, String segmentId, double offsetM, RoadNetwork network) {
    return lat != null && lon != null ? new LonLat(lon, lat)
        : network.segment(segmentId).map(s -> s.pointAt(offsetM)).orElse(null);
  }

  /** Adds {@code lat} and {@code lon} when {@code where} is known. */
  public void putPosition(ObjectNode node, LonLat where) {
    if (where != null) {
      node.put("lat", where.lat());
      node.put("lon", where.lon());
    }
  }

  /**
   * A signal plan with what a map needs beside it: the intersection's name and position, and each approach's segment
   * name. An intersection or segment the network does not have (it changed since the plan) has a null name and no
   * position.
   */
  public ObjectNode signalPlan(SignalPlan plan, RoadNetwork network) {
    ObjectNode node = mapper.createObjectNode();
    Optional<Intersection> intersection = network.intersection(plan.intersectionId());
    node.put("intersectionId", plan.intersectionId());
    node.put("name", intersection.map(Intersection::name).orElse(null));
    intersection.ifPresent(i -> {
      node.put("lat", i.position().lat());
      node.put("lon", i.position().lon());
    });
    node.put("computedAt", Instant.ofEpochMilli(plan.computedAt()).toString());
    node.put("cycleS", plan.cycleS());
    node.put("lostTimeS", plan.lostTimeS());
    ArrayNode phases = node.putArray("phases");
    for (SignalPlan.Phase phase : plan.phases()) {
      ObjectNode p = phases.addObject();
      ArrayNode approaches = p.putArray("approaches");
      for (String segmentId : phase.approaches()) {
        approaches.addObject()
            .put("segmentId", segmentId)
            .put("name", network.segment(segmentId).map(Segment::name).orElse(null));
      }
      p.put("criticalFlowRatio", phase.criticalFlowRatio());
      p.put("greenS", phase.greenS());
    }
    node.put("criticalFlowRatioSum", plan.criticalFlowRatioSum());
    node.put("oversaturated", plan.oversaturated());
    node.put("basedOnWindowStart", Instant.ofEpochMilli(plan.basedOnWindowStart()).toString());
    node.put("basedOnWindowEnd", Instant.ofEpochMilli(plan.basedOnWindowEnd()).toString());
    return node;
  }

  public ObjectNode status(PipelineStatus status) {
    ObjectNode node = mapper.createObjectNode();
    node.put("eventsInPerSecond", status.eventsInPerSecond());
    node.put("statsOutPerSecond", status.statsOutPerSecond());
    node.put("deadLetters", status.deadLetters());
    node.put("consumerLag", status.consumerLag());
    node.put("asOf", status.asOf() == null ? null : status.asOf().toString());
    return node;
  }

  public ObjectNode object() {
    return mapper.createObjectNode();
  }

  public ArrayNode array() {
    return mapper.createArrayNode();
  }

  public ObjectNode error(int status, String message) {
    ObjectNode node = mapper.createObjectNode();
    node.put("error", message);
    node.put("status", status);
    return node;
  }

  public String write(Object node) {
    try {
      return mapper.writeValueAsString(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }
}
