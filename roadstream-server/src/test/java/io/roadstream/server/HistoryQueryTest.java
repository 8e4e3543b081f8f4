package io.roadstream.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roadstream.core.event.LevelOfService;
import io.roadstream.core.event.SegmentStats;
import io.roadstream.core.history.HistoryResolution;
import io.roadstream.core.history.RolledUpStats;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The history route's parameters, CSV and content negotiation, without a server. */
class HistoryQueryTest {

  private static final Instant NOW = Instant.parse("2024-05-07T00:30:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @Test
  void defaultsToTheLastDayAtFifteenMinutes() {
    assertThat(HistoryQuery.parse(null, null, null, CLOCK))
        .isEqualTo(new HistoryQuery(NOW.minus(Duration.ofDays(1)), NOW, HistoryResolution.FIFTEEN_MINUTES));
  }

  @Test
  void picksTheResolutionByTheRangesLength() {
    assertThat(HistoryQuery.defaultFor(Duration.ofHours(6))).isEqualTo(HistoryResolution.MINUTE);
    assertThat(HistoryQuery.defaultFor(Duration.ofHours(7))).isEqualTo(HistoryResolution.FIFTEEN_MINUTES);
    assertThat(HistoryQuery.defaultFor(Duration.ofDays(7))).isEqualTo(HistoryResolution.FIFTEEN_MINUTES);
    assertThat(HistoryQuery.defaultFor(Duration.ofDays(8))).isEqualTo(HistoryResolution.HOUR);
    assertThat(HistoryQuery.parse("2022-01-01T00:00:00Z", "2023-12-31T00:00:00Z", null, CLOCK).resolution())
        .isEqualTo(HistoryResolution.HOUR);
  }

  @Test
  void anExplicitResolutionIsKeptWithinItsLimit() {
    assertThat(HistoryQuery.parse("2024-05-01T00:00:00Z", "2024-05-08T00:00:00Z", "1m", CLOCK).resolution())
        .isEqualTo(HistoryResolution.MINUTE);
    assertThatThrownBy(() -> HistoryQuery.parse("2024-05-01T00:00:00Z", "2024-05-08T00:00:01Z", "1m", CLOCK))
        .isInstanceOf(ApiException.class).hasMessageContaining("resolution 1m answers at most 7 days");
    assertThatThrownBy(() -> HistoryQuery.parse("2024-01-01T00:00:00Z", "2024-05-01T00:00:00Z", "15m", CLOCK))
        .hasMessageContaining("span 121 days; resolution 15m answers at most 92 days");
    assertThatThrownBy(() -> HistoryQuery.parse(null, null, "1d", CLOCK))
        .hasMessageContaining("'resolution' must be 1m, 15m or 1h, got '1d'");
  }

  @Test
  void csvHasUnitsInItsHeaderPlainNumbersAndEmptyUnknowns() {
    long start = Instant.parse("2024-05-06T08:00:00Z").toEpochMilli();
    SegmentStats s = new SegmentStats("a,\"b\"", start, start + 60_000, null, 120.0, 0.0005, 0.00012, 1234567.0,
        LevelOfService.A, 2, 0);
    String csv = HistoryCsv.write(List.of(RolledUpStats.window(s)));
    String[] lines = csv.split("\r\n");
    assertThat(lines[0]).startsWith("segment_id,resolution,start_utc,end_utc,avg_speed_kmh,flow_veh_per_h,");
    assertThat(lines[1]).isEqualTo("\"a,\"\"b\"\"\",1m,2024-05-06T08:00:00Z,2024-05-06T08:01:00Z,,120,0.0005,"
        + "0.00012,1234567,A,2,0,1,2");
    assertThat(HistoryCsv.number(-0.0)).isEqualTo("0");
    assertThat(HistoryCsv.number(Double.NaN)).isEmpty();
  }

  @Test
  void formatDecidesAndOtherwiseTheFirstOfCsvOrJsonInAccept() {
    assertThat(HistoryController.wantsCsv("csv", "application/json")).isTrue();
    assertThat(HistoryController.wantsCsv("JSON", "text/csv")).isFalse();
    assertThat(HistoryController.wantsCsv(null, "text/csv;q=0.9, application/json")).isTrue();
    assertThat(HistoryController.wantsCsv(null, "application/json, text/csv")).isFalse();
    assertThat(HistoryController.wantsCsv(null, "*/*")).isFalse();
    assertThat(HistoryController.wantsCsv(null, null)).isFalse();
    assertThatThrownBy(() -> HistoryController.wantsCsv("parquet", null))
        .hasMessageContaining("'format' must be json or csv, got 'parquet'");
  }

  @Test
  void bboxIsFourNumbersThatMakeABox() {
    assertThat(BboxParam.parse(null)).isNull();
    assertThat(BboxParam.parse(" 13.4, 52.5 ,13.5,52.6").maxLat()).isEqualTo(52.6);
    assertThatThrownBy(() -> BboxParam.parse("13.4,52.5,13.5")).hasMessageContaining("minLon,minLat,maxLon,maxLat");
    assertThatThrownBy(() -> BboxParam.parse("13.4,52.5,x,52.6")).hasMessageContaining("'bbox'");
    assertThatThrownBy(() -> BboxParam.parse("13.4,NaN,13.5,52.6")).hasMessageContaining("'bbox'");
    assertThatThrownBy(() -> BboxParam.parse("170,0,190,1")).hasMessageContaining("longitudes");
    assertThatThrownBy(() -> BboxParam.parse("13.5,52.5,13.4,52.6")).hasMessageContaining("antimeridian");
  }
}
