package io.roadstream.core.codec;

import io.roadstream.core.event.DeadLetterReason;
import io.roadstream.core.event.IncidentReport;
import io.roadstream.core.event.ProbePosition;
import io.roadstream.core.event.SensorReading;
import io.roadstream.core.network.Detector;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.network.SegmentMatcher;
import java.io.Serializable;
import java.util.Optional;

/**
 * Decodes raw readings, positions and incident reports and places them on the road network: a reading on its
 * detector's segment, a position or a report on the segment of its linear reference or, from coordinates, on the
 * segment it is map-matched to.
 * Whatever cannot be placed is rejected with {@link DeadLetterReason#UNKNOWN_REFERENCE}.
 */
public final class TrafficEventDecoder implements Serializable {

  /** Positions farther than this from every segment are not on the network. */
  public static final double MATCH_TOLERANCE_M = 40;

  private final RoadNetwork network;
  private final EventCodec codec;
  private final SegmentMatcher matcher;

  public TrafficEventDecoder(RoadNetwork network, EventCodec codec) {
    this.network = network;
    this.codec = codec;
    this.matcher = new SegmentMatcher(network, MATCH_TOLERANCE_M);
  }

  /** A reading with the segment its detector is on. */
  public record LocatedReading(String segmentId, SensorReading reading) {}

  public LocatedReading decodeReading(byte[] bytes) throws DecodeException {
    SensorReading reading = codec.decodeReading(bytes);
    Optional<Detector> detector = network.detector(reading.sensorId());
    if (detector.isEmpty()) {
      throw new DecodeException(DeadLetterReason.UNKNOWN_REFERENCE,
          "field 'sensorId': no detector '" + reading.sensorId() + "' in road network '" + network.name() + "'");
    }
    return new LocatedReading(detector.get().segmentId(), reading);
  }

  /** A position whose {@code segmentId} and {@code offsetM} are known. */
  public ProbePosition decodePosition(byte[] bytes) throws DecodeException {
    ProbePosition position = codec.decodePosition(bytes);
    if (position.segmentId() != null) {
      if (network.segment(position.segmentId()).isEmpty()) {
        throw new DecodeException(DeadLetterReason.UNKNOWN_REFERENCE, "field 'segmentId': no segment '"
            + position.segmentId() + "' in road network '" + network.name() + "'");
      }
      return position;
    }
    return matcher.match(position.lat(), position.lon(), position.headingDeg())
        .map(m -> position.onSegment(m.segment().id(), m.offsetM()))
        .orElseThrow(() -> new DecodeException(DeadLetterReason.UNKNOWN_REFERENCE, "position (" + position.lat()
            + ", " + position.lon() + ") is not within " + (int) MATCH_TOLERANCE_M + " m of any segment of road network '"
            + network.name() + "'" + (position.headingDeg() == null ? "" : " in the direction of heading "
            + position.headingDeg())));
  }

  /**
   * A report whose {@code segmentId} is known. A linear reference without an offset is placed at the middle of its
   * segment: the report says "on this road", and the middle is the point least far from anywhere on it.
   */
  public IncidentReport decodeReport(byte[] bytes) throws DecodeException {
    IncidentReport report = codec.decodeReport(bytes);
    if (report.segmentId() != null) {
      var segment = network.segment(report.segmentId()).orElseThrow(() -> new DecodeException(
          DeadLetterReason.UNKNOWN_REFERENCE, "field 'segmentId': no segment '" + report.segmentId()
          + "' in road network '" + network.name() + "'"));
      if (report.offsetM() != null && report.offsetM() > segment.lengthM()) {
        throw new DecodeException(DeadLetterReason.INVALID, "field 'offsetM': " + report.offsetM()
            + " m is beyond the end of segment '" + segment.id() + "' (" + Math.round(segment.lengthM()) + " m)");
      }
      return report.offsetM() != null ? report : report.onSegment(segment.id(), segment.lengthM() / 2);
    }
    return matcher.match(report.lat(), report.lon(), report.headingDeg())
        .map(m -> report.onSegment(m.segment().id(), m.offsetM()))
        .orElseThrow(() -> new DecodeException(DeadLetterReason.UNKNOWN_REFERENCE, "report place (" + report.lat()
            + ", " + report.lon() + ") is not within " + (int) MATCH_TOLERANCE_M + " m of any segment of road network '"
            + network.name() + "'"));
  }
}
