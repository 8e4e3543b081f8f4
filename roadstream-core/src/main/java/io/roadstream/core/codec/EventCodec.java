package io.roadstream.core.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.roadstream.core.congestion.CongestionEvent;
import io.roadstream.core.congestion.CongestionEventType;
import io.roadstream.core.event.Alert;
import io.roadstream.core.event.DeadLetter;
import io.roadstream.core.event.DeadLetterReason;
import io.roadstream.core.event.Incident;
import io.roadstream.core.event.IncidentReport;
import io.roadstream.core.event.IncidentType;
import io.roadstream.core.event.LevelOfService;
import io.roadstream.core.event.ProbePosition;
import io.roadstream.core.event.SegmentStats;
import io.roadstream.core.event.SignalPlan;
import io.roadstream.core.event.SensorReading;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * JSON for every event on roadstream's topics (see docs/events.md). Decoding validates: a record that is not JSON,
 * misses a field, has a wrong type, or holds an implausible value throws a {@link DecodeException} whose message
 * names the field. Time is accepted as epoch milliseconds or ISO-8601; it is written as epoch milliseconds.
 *
 * <p>Thread-safe. Serializable so that Flink operators can carry it; the Jackson mapper is rebuilt after
 * deserialization.
 */
public final class EventCodec implements Serializable {

  private static final int MAX_ID_LENGTH = 128;

  private final EventLimits limits;
  private final Clock clock;
  private transient ObjectMapper mapper;

  public EventCodec() {
    this(EventLimits.DEFAULT, Clock.systemUTC());
  }

  public EventCodec(EventLimits limits, Clock clock) {
    this.limits = limits;
    this.clock = clock;
  }

  private ObjectMapper mapper() {
    if (mapper == null) {
      // "{...} garbage" is not a record: a truncated or concatenated payload must not pass as its first half
      // the fast double parser rounds exactly as Double.parseDouble does, in a fraction of the time
      mapper = new ObjectMapper(JsonFactory.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build())
          .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }
    return mapper;
  }

  // ---------------------------------------------------------------- readings

  public SensorReading decodeReading(byte[] bytes) throws DecodeException {
    Fields f = parse(bytes, "reading");
    String sensorId = f.id("sensorId");
    long time = f.time("time");
    int interval = f.integer("intervalS", 1, limits.maxIntervalSeconds());
    Integer count = f.optionalInteger("vehicleCount", 0, Integer.MAX_VALUE);
    if (count == null && !f.has("vehicleCount")) {
      // absent is a mistake; an explicit null says "this source does not count vehicles"
      throw new DecodeException(DeadLetterReason.INVALID, "field 'vehicleCount' is missing (give null when the source "
          + "measures speed but does not count vehicles)");
    }
    Double speed = f.optionalNumber("avgSpeedKmh", 0, limits.maxSpeedKmh());
    Double occupancy = f.optionalNumber("occupancy", 0, 1);
    // a single lane cannot pass more than maxVehiclesPerLanePerHour; a detector may span a few lanes
    double maxCount = limits.maxVehiclesPerLanePerHour() * 8.0 * interval / 3600.0;
    if (count != null && count > Math.ceil(maxCount)) {
      throw new DecodeException(DeadLetterReason.INVALID, "field 'vehicleCount': " + count + " vehicles in "
          + interval + " s is beyond any road's capacity (at most " + (long) Math.ceil(maxCount) + ")");
    }
    return new SensorReading(sensorId, time, interval, count, speed, occupancy);
  }

  public byte[] encode(SensorReading r) {
    ObjectNode n = mapper().createObjectNode();
    n.put("sensorId", r.sensorId());
    n.put("time", r.time());
    n.put("intervalS", r.intervalSeconds());
    n.put("vehicleCount", r.vehicleCount());
    putNullable(n, "avgSpeedKmh", r.avgSpeedKmh());
    putNullable(n, "occupancy", r.occupancy());
    return write(n);
  }

  // ---------------------------------------------------------------- positions

  public ProbePosition decodePosition(byte[] bytes) throws DecodeException {
    Fields f = parse(bytes, "position");
    String vehicleId = f.id("vehicleId");
    long time = f.time("time");
    Double lat = f.optionalNumber("lat", -90, 90);
    Double lon = f.optionalNumber("lon", -180, 180);
    String segmentId = f.optionalId("segmentId");
    Double offset = f.optionalNumber("offsetM", 0, 1_000_000);
    Double laneNumber = f.optionalNumber("lane", 1, 16);
    double speed = f.number("speedKmh", 0, limits.maxSpeedKmh());
    Double heading = f.optionalNumber("headingDeg", 0, 360);
    if ((lat == null) != (lon == null)) {
      throw new DecodeException(DeadLetterReason.INVALID, "fields 'lat' and 'lon': give both or neither");
    }
    if (lat == null && segmentId == null) {
      throw new DecodeException(DeadLetterReason.INVALID,
          "a position needs coordinates ('lat' and 'lon') or a linear reference ('segmentId')");
    }
    Integer lane = laneNumber == null ? null : laneNumber.intValue();
    return new ProbePosition(vehicleId, time, lat, lon, segmentId, offset, lane, speed, heading);
  }

  public byte[] encode(ProbePosition p) {
    ObjectNode n = mapper().createObjectNode();
    n.put("vehicleId", p.vehicleId());
    n.put("time", p.time());
    putNullable(n, "lat", p.lat());
    putNullable(n, "lon", p.lon());
    if (p.segmentId() != null) {
      n.put("segmentId", p.segmentId());
    }
    putNullable(n, "offsetM", p.offsetM());
    if (p.lane() != null) {
      n.put("lane", p.lane());
    }
    n.put("speedKmh", p.speedKmh());
    putNullable(n, "headingDeg", p.headingDeg());
    return write(n);
  }

  // ---------------------------------------------------------------- incident reports

  public IncidentReport decodeReport(byte[] bytes) throws DecodeException {
    Fields f = parse(bytes, "report");
    String reportId = f.id("reportId");
    String source = f.id("source");
    long time = f.time("time");
    String kind = f.id("kind");
    if (!IncidentReport.KINDS.contains(kind)) {
      throw new DecodeException(DeadLetterReason.INVALID, "field 'kind': '" + kind + "' is not one of "
          + String.join(", ", IncidentReport.KINDS));
    }
    String status = f.id("status");
    if (!status.equals(IncidentReport.OPEN) && !status.equals(IncidentReport.CLOSED)) {
      throw new DecodeException(DeadLetterReason.INVALID, "field 'status': must be OPEN or CLOSED, got '" + status
          + "'");
    }
    boolean verified = f.optionalBoolean("verified", false);
    Double lat = f.optionalNumber("lat", -90, 90);
    Double lon = f.optionalNumber("lon", -180, 180);
    String segmentId = f.optionalId("segmentId");
    Double offset = f.optionalNumber("offsetM", 0, 1_000_000);
    Double heading = f.optionalNumber("headingDeg", 0, 360);
    Double lanes = f.optionalNumber("lanesBlocked", 0, 16);
    String description = f.optionalText("description", 2000);
    if ((lat == null) != (lon == null)) {
      throw new DecodeException(DeadLetterReason.INVALID, "fields 'lat' and 'lon': give both or neither");
    }
    if (lat == null && segmentId == null) {
      throw new DecodeException(DeadLetterReason.INVALID,
          "a report needs a place: coordinates ('lat' and 'lon') or a linear reference ('segmentId')");
    }
    return new IncidentReport(reportId, source, time, kind, status, verified, segmentId, offset, lat, lon, heading,
        lanes == null ? null : lanes.intValue(), description == null ? "" : description);
  }

  public byte[] encode(IncidentReport r) {
    ObjectNode n = mapper().createObjectNode();
    n.put("reportId", r.reportId());
    n.put("source", r.source());
    n.put("time", r.time());
    n.put("kind", r.kind());
    n.put("status", r.status());
    n.put("verified", r.verified());
    if (r.segmentId() != null) {
      n.put("segmentId", r.segmentId());
    }
    putNullable(n, "offsetM", r.offsetM());
    putNullable(n, "lat", r.lat());
    putNullable(n, "lon", r.lon());
    putNullable(n, "headingDeg", r.headingDeg());
    if (r.lanesBlocked() != null) {
      n.put("lanesBlocked", r.lanesBlocked());
    }
    n.put("description", r.description());
    return write(n);
  }

  // ---------------------------------------------------------------- segment stats

  public byte[] encode(SegmentStats s) {
    return write(statsNode(s));
  }

  private ObjectNode statsNode(SegmentStats s) {
    ObjectNode n = mapper().createObjectNode();
    n.put("segmentId", s.segmentId());
    n.put("windowStart", s.windowStart());
    n.put("windowEnd", s.windowEnd());
    putNullable(n, "avgSpeedKmh", s.avgSpeedKmh());
    putNullable(n, "flowVehPerHour", s.flowVehPerHour());
    putNullable(n, "densityVehPerKmPerLane", s.densityVehPerKmPerLane());
    putNullable(n, "occupancy", s.occupancy());
    putNullable(n, "travelTimeS", s.travelTimeS());
    if (s.los() != null) {
      n.put("los", s.los().name());
    } else {
      n.putNull("los");
    }
    n.put("detectorSamples", s.detectorSamples());
    n.put("probeSamples", s.probeSamples());
    return n;
  }

  /** Segment stats come from our own job; a record that fails here is a bug or a foreign producer, not traffic. */
  public SegmentStats decodeStats(byte[] bytes) throws DecodeException {
    return stats(parse(bytes, "segment stats"));
  }

  private SegmentStats stats(Fields f) throws DecodeException {
    String los = f.optionalId("los");
    LevelOfService level;
    try {
      level = los == null ? null : LevelOfService.valueOf(los);
    } catch (IllegalArgumentException e) {
      throw new DecodeException(DeadLetterReason.INVALID, "field 'los': must be one of A-F, got '" + los + "'");
    }
    return new SegmentStats(f.id("segmentId"), f.rawLong("windowStart"), f.rawLong("windowEnd"),
        f.optionalNumber("avgSpeedKmh", 0, Double.MAX_VALUE), f.optionalNumber("flowVehPerHour", 0, Double.MAX_VALUE),
        f.optionalNumber("densityVehPerKmPerLane", 0, Double.MAX_VALUE), f.optionalNumber("occupancy", 0, 1),
        f.optionalNumber("travelTimeS", 0, Double.MAX_VALUE), level,
        f.integer("detectorSamples", 0, Integer.MAX_VALUE), f.integer("probeSamples", 0, Integer.MAX_VALUE));
  }

  // ---------------------------------------------------------------- congestion

  public byte[] encode(CongestionEvent e) {
    ObjectNode n = mapper().createObjectNode();
    n.put("jamId", e.jamId());
    n.put("type", e.type().name());
    n.put("time", e.time());
    n.put("openedAt", e.openedAt());
    n.put("headSegmentId", e.headSegmentId());
    n.put("tailSegmentId", e.tailSegmentId());
    ArrayNode segments = n.putArray("segmentIds");
    for (String id : e.segmentIds()) {
      segments.add(id);
    }
    n.put("lengthKm", e.lengthKm());
    putNullable(n, "minSpeedKmh", e.minSpeedKmh());
    ArrayNode evidence = n.putArray("evidence");
    for (SegmentStats s : e.evidence()) {
      evidence.add(statsNode(s));
    }
    return write(n);
  }

  public CongestionEvent decodeCongestion(byte[] bytes) throws DecodeException {
    Fields f = parse(bytes, "congestion event");
    CongestionEventType type;
    try {
      type = CongestionEventType.valueOf(f.id("type"));
    } catch (IllegalArgumentException e) {
      throw new DecodeException(DeadLetterReason.INVALID, "field 'type': must be OPENED, UPDATED or CLEARED");
    }
    java.util.List<String> segments = new java.util.ArrayList<>();
    for (JsonNode id : f.array("segmentIds")) {
      if (!id.isTextual()) {
        throw new DecodeException(DeadLetterReason.INVALID, "field 'segmentIds': must hold segment ids");
      }
      segments.add(id.asText());
    }
    java.util.List<SegmentStats> evidence = new java.util.ArrayList<>();
    for (JsonNode s : f.array("evidence")) {
      if (!s.isObject()) {
        throw new DecodeException(DeadLetterReason.INVALID, "field 'evidence': must hold segment stats objects");
      }
      evidence.add(stats(new Fields(s)));
    }
    return new CongestionEvent(f.id("jamId"), type, f.rawLong("time"), f.rawLong("openedAt"),
        f.id("headSegmentId"), f.id("tailSegmentId"), segments.toArray(String[]::new),
        f.number("lengthKm", 0, Double.MAX_VALUE), f.optionalNumber("minSpeedKmh", 0, Double.MAX_VALUE),
        evidence.toArray(SegmentStats[]::new));
  }

  // ---------------------------------------------------------------- incidents

  public byte[] encode(Incident i) {
    ObjectNode n = mapper().createObjectNode();
    n.put("incidentId", i.incidentId());
    n.put("type", i.type().name());
    n.put("kind", i.kind());
    n.put("source", i.source());
    n.put("time", i.time());
    n.put("segmentId", i.segmentId());
    n.put("offsetM", i.offsetM());
    putNullable(n, "lat", i.lat());
    putNullable(n, "lon", i.lon());
    ArrayNode vehicles = n.putArray("vehicleIds");
    for (String v : i.vehicleIds()) {
      vehicles.add(v);
    }
    n.put("evidence", i.evidence());
    return write(n);
  }

  public Incident decodeIncident(byte[] bytes) throws DecodeException {
    Fields f = parse(bytes, "incident");
    IncidentType type;
    try {
      type = IncidentType.valueOf(f.id("type"));
    } catch (IllegalArgumentException e) {
      throw new DecodeException(DeadLetterReason.INVALID, "field 'type': must be DETECTED, CONFIRMED or CLEARED");
    }
    java.util.List<String> vehicles = new java.util.ArrayList<>();
    for (JsonNode v : f.array("vehicleIds")) {
      vehicles.add(v.asText());
    }
    return new Incident(f.id("incidentId"), type, f.id("kind"), f.id("source"), f.rawLong("time"), f.id("segmentId"),
        f.number("offsetM", 0, Double.MAX_VALUE), f.optionalNumber("lat", -90, 90), f.optionalNumber("lon", -180, 180),
        vehicles.toArray(String[]::new), f.text("evidence", 4096));
  }

  // ---------------------------------------------------------------- alerts

  public byte[] encode(Alert a) {
    ObjectNode n = mapper().createObjectNode();
    n.put("alertId", a.alertId());
    n.put("type", a.type());
    n.put("time", a.time());
    n.put("segmentId", a.segmentId());
    n.put("distanceM", a.distanceM());
    n.put("cause", a.cause());
    n.put("causeId", a.causeId());
    n.put("causeSegmentId", a.causeSegmentId());
    n.put("message", a.message());
    if (a.vehicleId() != null) {
      n.put("vehicleId", a.vehicleId());
    }
    return write(n);
  }

  public Alert decodeAlert(byte[] bytes) throws DecodeException {
    Fields f = parse(bytes, "alert");
    String type = f.id("type");
    if (!type.equals(Alert.ISSUED) && !type.equals(Alert.WITHDRAWN)) {
      throw new DecodeException(DeadLetterReason.INVALID, "field 'type': must be ISSUED or WITHDRAWN");
    }
    return new Alert(f.text("alertId", 512), type, f.rawLong("time"), f.id("segmentId"),
        f.number("distanceM", 0, Double.MAX_VALUE), f.id("cause"), f.text("causeId", 512), f.id("causeSegmentId"),
        f.text("message", 4096), f.optionalId("vehicleId"));
  }

  // ---------------------------------------------------------------- signal plans

  public byte[] encode(SignalPlan p) {
    ObjectNode n = mapper().createObjectNode();
    n.put("intersectionId", p.intersectionId());
    n.put("computedAt", p.computedAt());
    n.put("cycleS", p.cycleS());
    n.put("lostTimeS", p.lostTimeS());
    ArrayNode phases = n.putArray("phases");
    for (SignalPlan.Phase phase : p.phases()) {
      ObjectNode ph = phases.addObject();
      ArrayNode approaches = ph.putArray("approaches");
      phase.approaches().forEach(approaches::add);
      ph.put("criticalFlowRatio", phase.criticalFlowRatio());
      ph.put("greenS", phase.greenS());
    }
    n.put("criticalFlowRatioSum", p.criticalFlowRatioSum());
    n.put("oversaturated", p.oversaturated());
    n.put("basedOnWindowStart", p.basedOnWindowStart());
    n.put("basedOnWindowEnd", p.basedOnWindowEnd());
    return write(n);
  }

  public SignalPlan decodeSignalPlan(byte[] bytes) throws DecodeException {
    Fields f = parse(bytes, "signal plan");
    java.util.List<SignalPlan.Phase> phases = new java.util.ArrayList<>();
    for (JsonNode ph : f.array("phases")) {
      Fields pf = new Fields(ph);
      java.util.List<String> approaches = new java.util.ArrayList<>();
      for (JsonNode a : pf.array("approaches")) {
        approaches.add(a.asText());
      }
      phases.add(new SignalPlan.Phase(approaches, pf.number("criticalFlowRatio", 0, Double.MAX_VALUE),
          pf.number("greenS", 0, Double.MAX_VALUE)));
    }
    JsonNode over = f.node("oversaturated");
    if (over == null || !over.isBoolean()) {
      throw new DecodeException(DeadLetterReason.INVALID, "field 'oversaturated': expected true or false");
    }
    return new SignalPlan(f.id("intersectionId"), f.rawLong("computedAt"), f.number("cycleS", 0, Double.MAX_VALUE),
        f.number("lostTimeS", 0, Double.MAX_VALUE), phases, f.number("criticalFlowRatioSum", 0, Double.MAX_VALUE),
        over.asBoolean(), f.rawLong("basedOnWindowStart"), f.rawLong("basedOnWindowEnd"));
  }

  // ---------------------------------------------------------------- dead letters

  public byte[] encode(DeadLetter d) {
    ObjectNode n = mapper().createObjectNode();
    n.put("sourceTopic", d.sourceTopic());
    n.put("partition", d.partition());
    n.put("offset", d.offset());
    if (d.key() != null) {
      n.put("key", d.key());
    }
    n.put("reasonCode", d.reasonCode().name());
    n.put("reason", d.reason());
    n.put("time", d.time());
    n.put("payloadBase64", Base64.getEncoder().encodeToString(d.payload()));
    String text = new String(d.payload(), StandardCharsets.UTF_8);
    // the original as text too, when it is short enough to read; the base64 copy is always the exact bytes
    if (text.length() <= 4096 && !text.contains("\uFFFD")) {
      n.put("payloadText", text);
    }
    return write(n);
  }

  public DeadLetter decodeDeadLetter(byte[] bytes) throws DecodeException {
    Fields f = parse(bytes, "dead letter");
    DeadLetterReason code;
    try {
      code = DeadLetterReason.valueOf(f.id("reasonCode"));
    } catch (IllegalArgumentException e) {
      throw new DecodeException(DeadLetterReason.INVALID, "field 'reasonCode': unknown reason");
    }
    byte[] payload;
    try {
      payload = Base64.getDecoder().decode(f.text("payloadBase64", Integer.MAX_VALUE));
    } catch (IllegalArgumentException e) {
      throw new DecodeException(DeadLetterReason.INVALID, "field 'payloadBase64': not base64");
    }
    // the key is whatever the producer of the original record sent (empty, long, anything): not an id to validate
    return new DeadLetter(f.text("sourceTopic", 255), (int) f.rawLong("partition"), f.rawLong("offset"),
        f.optionalText("key", Integer.MAX_VALUE), payload, code, f.text("reason", Integer.MAX_VALUE),
        f.rawLong("time"));
  }

  // ---------------------------------------------------------------- plumbing

  private Fields parse(byte[] bytes, String what) throws DecodeException {
    if (bytes == null || bytes.length == 0) {
      throw new DecodeException(DeadLetterReason.MALFORMED, "empty record: expected a JSON " + what);
    }
    // raw events are flat objects: read those fast; anything else, and every error, the general way
    FlatObject flat = FlatJsonScanner.scan(bytes);
    if (flat != null) {
      return new Fields(flat);
    }
    JsonNode node;
    try {
      node = mapper().readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new DecodeException(DeadLetterReason.MALFORMED, "not valid JSON: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " (at character " + e.getLocation().getCharOffset() + ")"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (node == null || !node.isObject()) {
      throw new DecodeException(DeadLetterReason.MALFORMED, "expected a JSON object (a " + what + "), got "
          + (node == null ? "nothing" : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
    }
    return new Fields(node);
  }

  private byte[] write(ObjectNode n) {
    try {
      return mapper().writeValueAsBytes(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  private static void putNullable(ObjectNode n, String field, Double value) {
    if (value == null) {
      n.putNull(field);
    } else {
      n.put(field, value);
    }
  }

  /** Typed, validated access to one JSON object's fields; each failure names the field. */
  private final class Fields {
    private final FlatObject object;

    Fields(FlatObject object) {
      this.object = object;
    }

    /** A nested object (an array's element): an element that is not an object has no fields. */
    Fields(JsonNode node) {
      this(FlatObject.of(node));
    }

    /** The field's value as Jackson's tree holds it, or null when absent. */
    JsonNode node(String field) {
      int i = object.indexOf(field);
      return i < 0 ? null : object.node(i);
    }

    Iterable<JsonNode> array(String field) throws DecodeException {
      int i = present(field);
      if (i < 0) {
        throw missing(field, "an array");
      }
      JsonNode v = object.node(i);
      if (!v.isArray()) {
        throw wrong(field, "an array", i);
      }
      return v;
    }

    String id(String field) throws DecodeException {
      String value = optionalId(field);
      if (value == null) {
        throw missing(field, "a string");
      }
      return value;
    }

    String optionalId(String field) throws DecodeException {
      int i = present(field);
      if (i < 0) {
        return null;
      }
      if (object.kind(i) != FlatObject.TEXT || object.text(i).isBlank()) {
        throw wrong(field, "a non-empty string", i);
      }
      String value = object.text(i);
      if (value.length() > MAX_ID_LENGTH) {
        throw new DecodeException(DeadLetterReason.INVALID, "field '" + field + "': longer than "
            + MAX_ID_LENGTH + " characters (" + value.length() + ")");
      }
      return value;
    }

    String text(String field, int maxLength) throws DecodeException {
      int i = present(field);
      if (i < 0) {
        throw missing(field, "a string");
      }
      if (object.kind(i) != FlatObject.TEXT || object.text(i).length() > maxLength) {
        throw wrong(field, "a string", i);
      }
      return object.text(i);
    }

    String optionalText(String field, int maxLength) throws DecodeException {
      int i = present(field);
      if (i < 0) {
        return null;
      }
      if (object.kind(i) != FlatObject.TEXT) {
        throw wrong(field, "a string", i);
      }
      String value = object.text(i);
      if (value.length() > maxLength) {
        throw new DecodeException(DeadLetterReason.INVALID, "field '" + field + "': longer than " + maxLength
            + " characters (" + value.length() + ")");
      }
      return value;
    }

    boolean optionalBoolean(String field, boolean absent) throws DecodeException {
      int i = present(field);
      if (i < 0) {
        return absent;
      }
      if (object.kind(i) != FlatObject.BOOLEAN) {
        throw wrong(field, "true or false", i);
      }
      return object.booleanValue(i);
    }

    long rawLong(String field) throws DecodeException {
      int i = present(field);
      if (i < 0) {
        throw missing(field, "an integer");
      }
      if (object.kind(i) != FlatObject.INTEGER || !object.fitsLong(i)) {
        throw wrong(field, "an integer", i);
      }
      return object.longValue(i);
    }

    long time(String field) throws DecodeException {
      int i = present(field);
      if (i < 0) {
        throw missing(field, "a time (epoch milliseconds or ISO-8601)");
      }
      // compared as instants: ISO-8601 reaches years (±1,000,000,000) whose epoch milliseconds overflow a long
      Instant instant;
      if (object.kind(i) == FlatObject.INTEGER && object.fitsLong(i)) {
        long millis = object.longValue(i);
        // the common case, every raw event: plausible epoch milliseconds, checked without making instants
        if (millis >= limits.earliest().toEpochMilli()
            && millis <= clock.millis() + limits.maxFuture().toMillis()
            && limits.earliest().getNano() % 1_000_000 == 0) {
          return millis;
        }
        instant = Instant.ofEpochMilli(millis);
      } else if (object.kind(i) == FlatObject.TEXT) {
        try {
          instant = Instant.parse(object.text(i));
        } catch (DateTimeParseException e) {
          throw wrong(field, "an ISO-8601 instant such as 2026-11-27T07:30:00Z", i);
        }
      } else {
        throw wrong(field, "a time (epoch milliseconds or ISO-8601)", i);
      }
      Instant latest = clock.instant().plus(limits.maxFuture());
      if (instant.isBefore(limits.earliest()) || instant.isAfter(latest)) {
        throw new DecodeException(DeadLetterReason.INVALID, "field '" + field + "': " + instant
            + " is outside the plausible range " + limits.earliest() + " .. now + " + limits.maxFuture().toHours()
            + " h");
      }
      return instant.toEpochMilli();
    }

    boolean has(String field) {
      return object.indexOf(field) >= 0;
    }

    Integer optionalInteger(String field, int min, int max) throws DecodeException {
      return present(field) < 0 ? null : integer(field, min, max);
    }

    int integer(String field, int min, int max) throws DecodeException {
      int i = present(field);
      if (i < 0) {
        throw missing(field, "an integer");
      }
      if (object.kind(i) != FlatObject.INTEGER || !object.fitsInt(i)) {
        throw wrong(field, "an integer", i);
      }
      int value = (int) object.longValue(i);
      if (value < min || value > max) {
        throw range(field, value, min, max);
      }
      return value;
    }

    double number(String field, double min, double max) throws DecodeException {
      Double value = optionalNumber(field, min, max);
      if (value == null) {
        throw missing(field, "a number");
      }
      return value;
    }

    Double optionalNumber(String field, double min, double max) throws DecodeException {
      int i = present(field);
      if (i < 0) {
        return null;
      }
      if (object.kind(i) != FlatObject.INTEGER && object.kind(i) != FlatObject.FLOAT) {
        throw wrong(field, "a number", i);
      }
      double value = object.doubleValue(i);
      if (!Double.isFinite(value)) {
        throw wrong(field, "a finite number", i);
      }
      if (value < min || value > max) {
        throw range(field, value, min, max);
      }
      return value;
    }

    /** The field's index when it is there and not null, else -1. */
    private int present(String field) {
      int i = object.indexOf(field);
      return i < 0 || object.kind(i) == FlatObject.NULL ? -1 : i;
    }

    private DecodeException missing(String field, String expected) {
      StringBuilder present = new StringBuilder();
      for (int i = 0; i < object.size() && present.length() < 80; i++) {
        present.append(present.length() == 0 ? "" : ", ").append(object.name(i));
      }
      return new DecodeException(DeadLetterReason.INVALID, "field '" + field + "' is missing (expected " + expected
          + "; the record has: " + (present.length() == 0 ? "no fields" : present) + ")");
    }

    private DecodeException wrong(String field, String expected, int i) {
      String shown = object.node(i).toString();
      if (shown.length() > 40) {
        shown = shown.substring(0, 40) + "… (" + shown.length() + " characters)";
      }
      return new DecodeException(DeadLetterReason.INVALID, "field '" + field + "': expected " + expected
          + ", got " + shown);
    }

    private DecodeException range(String field, double value, double min, double max) {
      return new DecodeException(DeadLetterReason.INVALID, "field '" + field + "': " + trim(value)
          + " is outside the plausible range " + trim(min) + " .. " + trim(max));
    }
  }

  private static String trim(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
  }

}
