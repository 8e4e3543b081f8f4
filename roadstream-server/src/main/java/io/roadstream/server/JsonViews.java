package io.roadstream.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.roadstream.core.event.SegmentStats;
import io.roadstream.core.event.SignalPlan;
import io.roadstream.core.network.Intersection;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.network.Segment;
import io.roadstream.store.StoredStats;
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
