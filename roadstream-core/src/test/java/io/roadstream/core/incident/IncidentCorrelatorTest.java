package io.roadstream.core.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.roadstream.core.event.DetectorIncident;
import io.roadstream.core.event.Incident;
import io.roadstream.core.event.IncidentReport;
import io.roadstream.core.event.IncidentType;
import io.roadstream.core.incident.IncidentSignal.Status;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.network.RoadNetworkLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentCorrelatorTest {

  private static final RoadNetwork NETWORK = new RoadNetworkLoader().load("metroville");
  private static final long T = 1_795_677_000_000L;

  private final IncidentCorrelator correlator = new IncidentCorrelator(NETWORK, IncidentSettings.DEFAULT);
  private final IncidentSignals signals = new IncidentSignals(NETWORK);
  private IncidentBoard board = IncidentBoard.EMPTY;
  private final List<Incident> events = new ArrayList<>();

  private IncidentCorrelator.Result apply(IncidentSignal signal) {
    IncidentCorrelator.Result result = correlator.apply(board, signal);
    board = result.board();
    events.addAll(result.events());
    return result;
  }

  private void tick(long now) {
    IncidentCorrelator.Result result = correlator.confirmDue(board, now);
    board = result.board();
    events.addAll(result.events());
  }

  private static IncidentSignal probes(Status status, long time, String segment, double offset) {
    return new IncidentSignal("probes:" + segment + "@" + (int) offset, IncidentSignal.PROBES, status, "accident",
        time, segment, offset, 0, null, null, new String[] {"car-1", "car-2"}, "2 vehicles stopped");
  }

  private static IncidentReport report(String id, boolean verified, String status, long time, String segment,
      double offset) {
    return new IncidentReport(id, "camera:CAM-7", time, "accident", status, verified, segment, offset, null, null,
        null, 2, "two cars, left lanes");
  }

  @Test
  void aProbeAccidentIsDetectedThenConfirmedByPersistenceThenCleared() {
    IncidentCorrelator.Result first = apply(probes(Status.SEEN, T, "M1-E-07", 600));
    assertThat(first.confirmAt()).hasValue(T + 60_000);
    tick(T + 59_999);
    apply(probes(Status.ENDED, T + 50_000, "M1-E-07", 600));

    assertThat(events).extracting(Incident::type)
        .containsExactly(IncidentType.DETECTED, IncidentType.CLEARED);
    assertThat(events).extracting(Incident::incidentId).containsOnly("inc-probes:M1-E-07@600");
    assertThat(board.incidents()).isEmpty();
  }

  @Test
  void persistenceConfirmsAfterTheConfiguredTime() {
    apply(probes(Status.SEEN, T, "M1-E-07", 600));
    tick(T + 60_000);
    tick(T + 120_000);

    assertThat(events).extracting(Incident::type).containsExactly(IncidentType.DETECTED, IncidentType.CONFIRMED);
    Incident confirmed = events.get(1);
    assertThat(confirmed.time()).isEqualTo(T + 60_000);
    assertThat(confirmed.evidence()).contains("still seen 60 s");
    assertThat(confirmed.lat()).isNotNull(); // placed on the segment's geometry when the source gave no coordinates
  }

  @Test
  void aSignalLaterThanTheConfirmationTimeConfirmsEvenBeforeTheTimerFires() {
    apply(probes(Status.SEEN, T, "M1-E-07", 600));
    apply(probes(Status.ENDED, T + 90_000, "M1-E-07", 600));

    assertThat(events).extracting(Incident::type, Incident::time).containsExactly(
        org.assertj.core.groups.Tuple.tuple(IncidentType.DETECTED, T),
        org.assertj.core.groups.Tuple.tuple(IncidentType.CONFIRMED, T + 60_000),
        org.assertj.core.groups.Tuple.tuple(IncidentType.CLEARED, T + 90_000));
  }

  @Test
  void probesAndTheDetectorPairAroundThemAreOneIncidentConfirmedByBoth() {
    apply(probes(Status.SEEN, T, "M1-E-07", 600));
    // the pair's upstream station is 100 m before the vehicles, its downstream station in the next segment
    apply(signals.fromDetectors(new DetectorIncident("D-M1-E-07>D-M1-E-08@" + T, DetectorIncident.Type.DETECTED,
        "D-M1-E-07", "D-M1-E-08", "M1-E-07", "M1-E-08", T, T, T + 30_000, 0.35, 0.05, 0.30, 0.86, 0.13)));

    assertThat(board.incidents()).hasSize(1);
    assertThat(events).extracting(Incident::type).containsExactly(IncidentType.DETECTED, IncidentType.CONFIRMED);
    Incident confirmed = events.get(1);
    assertThat(confirmed.source()).isEqualTo("probes+detectors");
    assertThat(confirmed.evidence()).contains("probes and detectors together", "D-M1-E-07", "35 %");
    assertThat(confirmed.segmentId()).isEqualTo("M1-E-07");
    assertThat(confirmed.offsetM()).isEqualTo(600.0);
  }

  @Test
  void aReportNearbyJoinsTheIncidentAndNamesItsKind() {
    apply(probes(Status.SEEN, T, "M1-E-07", 600));
    apply(IncidentSignals.fromReport(new IncidentReport("R-1", "operator:desk-2", T + 20_000, "breakdown",
        IncidentReport.OPEN, false, "M1-E-07", 450.0, null, null, null, null, "")));

    assertThat(board.incidents()).hasSize(1);
    assertThat(events).extracting(Incident::type).containsExactly(IncidentType.DETECTED, IncidentType.CONFIRMED);
    assertThat(events.get(1).kind()).isEqualTo("breakdown");
    assertThat(events.get(1).source()).isEqualTo("probes+reports");
  }

  @Test
  void theOtherCarriagewayAndAFarPlaceAreOtherIncidents() {
    apply(probes(Status.SEEN, T, "M1-E-07", 600));
    apply(IncidentSignals.fromReport(report("R-W", false, IncidentReport.OPEN, T, "M1-W-06", 400)));
    // 900 m downstream of the vehicles: beyond the 500 m merge distance
    apply(IncidentSignals.fromReport(report("R-far", false, IncidentReport.OPEN, T, "M1-E-08",
        900 - (NETWORK.requireSegment("M1-E-07").lengthM() - 600))));

    assertThat(board.incidents()).hasSize(3);
    assertThat(events).extracting(Incident::type).containsOnly(IncidentType.DETECTED);
  }

  @Test
  void aVerifiedReportConfirmsAtOnceAndItsClosingClearsTheIncident() {
    apply(IncidentSignals.fromReport(report("R-2", true, IncidentReport.OPEN, T, "M1-E-03", 200)));
    apply(IncidentSignals.fromReport(report("R-2", true, IncidentReport.CLOSED, T + 900_000, "M1-E-03", 200)));

    assertThat(events).extracting(Incident::type)
        .containsExactly(IncidentType.DETECTED, IncidentType.CONFIRMED, IncidentType.CLEARED);
    assertThat(events.get(1).evidence()).contains("confirmed by a verified report");
    assertThat(events.get(2).evidence()).contains("closed by the reporter");
  }

  @Test
  void anIncidentClearsOnlyWhenItsLastSignalEnds() {
    apply(probes(Status.SEEN, T, "M1-E-07", 600));
    apply(IncidentSignals.fromReport(report("R-3", false, IncidentReport.OPEN, T + 10_000, "M1-E-07", 650)));
    apply(probes(Status.ENDED, T + 600_000, "M1-E-07", 600));
    assertThat(events).extracting(Incident::type).doesNotContain(IncidentType.CLEARED);

    apply(IncidentSignals.fromReport(report("R-3", false, IncidentReport.CLOSED, T + 700_000, "M1-E-07", 650)));
    assertThat(events).last().extracting(Incident::type).isEqualTo(IncidentType.CLEARED);
    assertThat(board.incidents()).isEmpty();
  }

  @Test
  void aTentativeDetectorAlarmAloneOpensNothingButItsConfirmationOpensAConfirmedIncident() {
    DetectorIncident tentative = new DetectorIncident("D-M1-E-03>D-M1-E-04@" + T, DetectorIncident.Type.DETECTED,
        "D-M1-E-03", "D-M1-E-04", "M1-E-03", "M1-E-04", T, T, T + 30_000, 0.30, 0.05, 0.25, 0.83, 0.10);
    apply(signals.fromDetectors(tentative));
    assertThat(events).isEmpty();
    assertThat(board.incidents()).isEmpty();

    apply(signals.fromDetectors(new DetectorIncident(tentative.incidentId(), DetectorIncident.Type.CONFIRMED,
        "D-M1-E-03", "D-M1-E-04", "M1-E-03", "M1-E-04", T, T + 30_000, T + 60_000, 0.33, 0.05, 0.28, 0.85, 0.10)));
    assertThat(events).extracting(Incident::type, Incident::time).containsExactly(
        org.assertj.core.groups.Tuple.tuple(IncidentType.DETECTED, T + 30_000),
        org.assertj.core.groups.Tuple.tuple(IncidentType.CONFIRMED, T + 30_000));
    assertThat(events.get(1).evidence()).contains("confirmed by detectors");
  }

  @Test
  void anEndWithoutAnIncidentChangesNothing() {
    IncidentCorrelator.Result result = apply(probes(Status.ENDED, T, "M1-E-07", 600));

    assertThat(result.events()).isEmpty();
    assertThat(result.board()).isEqualTo(IncidentBoard.EMPTY);
  }
}
