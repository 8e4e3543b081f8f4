package io.roadstream.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roadstream.core.event.DeadLetterReason;
import io.roadstream.core.event.IncidentReport;
import io.roadstream.core.network.LonLat;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.network.RoadNetworkLoader;
import io.roadstream.core.network.Segment;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Incident reports: decoded, validated, and placed on the network (or refused with the reason). */
class IncidentReportDecodingTest {

  private static final RoadNetwork NETWORK = new RoadNetworkLoader().load("metroville");
  private static final Instant NOW = Instant.parse("2026-11-27T08:00:00Z");
  private final EventCodec codec = new EventCodec(EventLimits.DEFAULT, Clock.fixed(NOW, ZoneOffset.UTC));
  private final TrafficEventDecoder decoder = new TrafficEventDecoder(NETWORK, codec);

  private static byte[] json(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String report(String place) {
    return "{\"reportId\":\"R-1\",\"source\":\"camera:CAM-7\",\"time\":\"2026-11-27T07:12:00Z\",\"kind\":\"accident\","
        + "\"status\":\"OPEN\"," + place + "}";
  }

  @Test
  void roundTrips() throws Exception {
    IncidentReport r = new IncidentReport("R-1", "operator:desk-2", NOW.toEpochMilli() - 60_000, "breakdown",
        IncidentReport.CLOSED, true, "M1-E-07", 620.0, 51.9, 4.5, 90.0, 1, "hard shoulder");

    assertThat(codec.decodeReport(codec.encode(r))).isEqualTo(r);
  }

  @Test
  void aSegmentWithoutOffsetIsPlacedAtItsMiddleAndUnverifiedByDefault() throws Exception {
    IncidentReport r = decoder.decodeReport(json(report("\"segmentId\":\"M1-E-07\"")));

    assertThat(r.offsetM()).isEqualTo(NETWORK.requireSegment("M1-E-07").lengthM() / 2);
    assertThat(r.verified()).isFalse();
    assertThat(r.description()).isEmpty();
  }

  @Test
  void coordinatesAreMatchedToTheCarriagewayOfTheirHeading() throws Exception {
    Segment eastbound = NETWORK.requireSegment("M1-E-07");
    LonLat point = eastbound.pointAt(300);
    IncidentReport r = decoder.decodeReport(json(report("\"lat\":" + point.lat() + ",\"lon\":" + point.lon()
        + ",\"headingDeg\":" + eastbound.headingAt(300))));

    assertThat(r.segmentId()).isEqualTo("M1-E-07");
    assertThat(r.offsetM()).isCloseTo(300, org.assertj.core.data.Offset.offset(1.0));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "unknown segment|\"segmentId\":\"NOWHERE\"|UNKNOWN_REFERENCE|no segment 'NOWHERE'",
      "off the network|\"lat\":0.5,\"lon\":0.5|UNKNOWN_REFERENCE|not within 40 m of any segment",
      "beyond the segment|\"segmentId\":\"M1-E-07\",\"offsetM\":99999|INVALID|beyond the end of segment 'M1-E-07'",
      "no place at all|\"description\":\"somewhere\"|INVALID|a report needs a place",
      "half coordinates|\"lat\":51.9|INVALID|give both or neither"})
  void refusesReportsThatCannotBePlaced(String name, String place, DeadLetterReason reason, String message) {
    assertThatThrownBy(() -> decoder.decodeReport(json(report(place))))
        .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.reason()).isEqualTo(reason))
        .hasMessageContaining(message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "unknown kind|{\"reportId\":\"R\",\"source\":\"s\",\"time\":1795677000000,\"kind\":\"alien landing\",\"status\":\"OPEN\",\"segmentId\":\"M1-E-07\"}|'kind'",
      "unknown status|{\"reportId\":\"R\",\"source\":\"s\",\"time\":1795677000000,\"kind\":\"accident\",\"status\":\"MAYBE\",\"segmentId\":\"M1-E-07\"}|'status'",
      "verified as text|{\"reportId\":\"R\",\"source\":\"s\",\"time\":1795677000000,\"kind\":\"accident\",\"status\":\"OPEN\",\"verified\":\"yes\",\"segmentId\":\"M1-E-07\"}|'verified'",
      "clock in 1970|{\"reportId\":\"R\",\"source\":\"s\",\"time\":5,\"kind\":\"accident\",\"status\":\"OPEN\",\"segmentId\":\"M1-E-07\"}|'time'",
      "no source|{\"reportId\":\"R\",\"time\":1795677000000,\"kind\":\"accident\",\"status\":\"OPEN\",\"segmentId\":\"M1-E-07\"}|'source'"})
  void refusesInvalidReportsNamingTheField(String name, String record, String field) {
    assertThatThrownBy(() -> codec.decodeReport(json(record)))
        .isInstanceOfSatisfying(DecodeException.class,
            e -> assertThat(e.reason()).isEqualTo(DeadLetterReason.INVALID))
        .hasMessageContaining(field);
  }
}
