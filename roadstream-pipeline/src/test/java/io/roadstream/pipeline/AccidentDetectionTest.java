package io.roadstream.pipeline;

import static io.roadstream.pipeline.TrafficEvents.NETWORK;
import static io.roadstream.pipeline.TrafficEvents.T0730;
import static org.assertj.core.api.Assertions.assertThat;

import io.roadstream.core.event.Incident;
import io.roadstream.core.event.IncidentType;
import io.roadstream.core.event.ProbePosition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Accidents from probe vehicles standing still: the Linear Road rule on roadstream's probes. */
class AccidentDetectionTest {

  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
      .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  private static ProbePosition at(String vehicle, long time, String segment, double offset, double speed) {
    return new ProbePosition(vehicle, time, null, null, segment, offset, 1, speed, null);
  }

  private static TrafficEvent event(ProbePosition p) {
    return TrafficEvent.of(p, "positions", 0, 0);
  }

  @Test
  void twoVehiclesStandingAtOnePlaceAreAnAccidentUntilTheyLeaveAndOneAloneIsNot() throws Exception {
    List<TrafficEvent> input = new ArrayList<>();
    for (int report = 0; report < 11; report++) {
      long t = T0730 + report * 10_000L;
      input.add(event(at("crash-a", t, "M1-E-07", 601.0, 0)));
      input.add(event(at("crash-b", t + 1_000, "M1-E-07", 598.5, 0)));   // the same place: within 10 m
      input.add(event(at("broken-down", t + 2_000, "M1-E-03", 250.0, 0))); // alone: never an accident
      input.add(event(at("passing", t + 3_000, "M1-E-07", 100.0 + report * 250 % 900, 90)));
    }
    long left = T0730 + 110_000;
    input.add(event(at("crash-a", left, "M1-E-07", 700.0, 30)));  // towed away
    input.add(event(at("crash-b", left + 1_000, "M1-E-07", 720.0, 30)));
    input.add(event(at("clock", left + 200_000, "M1-E-01", 10.0, 100))); // moves event time on past every timer

    StreamExecutionEnvironment env = TrafficEvents.environment();
    TrafficWorkflow.Outputs out = TrafficEvents.workflow(env, input, Duration.ofSeconds(5));
    CloseableIterator<Incident> incidents = out.incidents().collectAsync();
    CloseableIterator<io.roadstream.core.event.Alert> alerts = out.alerts().collectAsync();
    env.execute("accident test");
    List<Incident> seen = new ArrayList<>();
    incidents.forEachRemaining(seen::add);

    assertThat(seen).extracting(Incident::type)
        .containsExactly(IncidentType.DETECTED, IncidentType.CONFIRMED, IncidentType.CLEARED);
    Incident detected = seen.get(0);
    // the 4th report of the second vehicle: 30 s after it first stood there
    assertThat(detected.time()).isEqualTo(T0730 + 31_000);
    assertThat(detected.kind()).isEqualTo("accident");
    assertThat(detected.source()).isEqualTo("probes");
    assertThat(detected.segmentId()).isEqualTo("M1-E-07");
    assertThat(detected.offsetM()).isEqualTo(600.0);
    assertThat(detected.vehicleIds()).containsExactlyInAnyOrder("crash-a", "crash-b");
    // still standing a minute later: confirmed by persistence
    assertThat(seen.get(1).time()).isEqualTo(T0730 + 91_000);
    assertThat(seen.get(1).evidence()).contains("still seen 60 s after detection");
    assertThat(seen).extracting(Incident::incidentId).containsOnly(detected.incidentId());
    assertThat(seen.get(2).time()).isEqualTo(left);

    // drivers upstream are told of the accident, and told again when it clears; no one of an accident at the lone
    // broken-down car (its segment, seen only by stopped probes, is a jam: that has alerts of its own)
    List<io.roadstream.core.event.Alert> told = new ArrayList<>();
    List<io.roadstream.core.event.Alert> toVehicles = new ArrayList<>();
    alerts.forEachRemaining(a -> {
      if (a.cause().equals("accident")) {
        (a.isForVehicle() ? toVehicles : told).add(a);
      }
    });
    List<String> upstream = new io.roadstream.core.alert.UpstreamReach(NETWORK).of("M1-E-07", 600.0, 2000).stream()
        .map(io.roadstream.core.alert.UpstreamReach.Reached::segmentId).toList();
    assertThat(told).filteredOn(a -> a.type().equals("ISSUED")).extracting(io.roadstream.core.event.Alert::segmentId)
        .containsExactlyInAnyOrderElementsOf(upstream);
    assertThat(told).filteredOn(a -> a.type().equals("WITHDRAWN"))
        .extracting(io.roadstream.core.event.Alert::segmentId).containsExactlyInAnyOrderElementsOf(upstream);
    assertThat(told).allSatisfy(a -> assertThat(a.causeSegmentId()).isEqualTo("M1-E-07"));

    // and so are the probe vehicles on those segments, each once; the lone broken-down car is 3 segments upstream,
    // beyond the 2 km, and gets nothing
    assertThat(toVehicles).filteredOn(a -> a.type().equals("ISSUED"))
        .extracting(io.roadstream.core.event.Alert::vehicleId)
        .containsExactlyInAnyOrder("crash-a", "crash-b", "passing");
    assertThat(toVehicles).filteredOn(a -> a.type().equals("WITHDRAWN"))
        .extracting(io.roadstream.core.event.Alert::vehicleId)
        .containsExactlyInAnyOrder("crash-a", "crash-b", "passing");
    assertThat(toVehicles).allSatisfy(a -> {
      assertThat(a.segmentId()).isEqualTo("M1-E-07");
      assertThat(a.alertId()).isEqualTo(a.causeId() + ">M1-E-07@" + a.vehicleId());
    });
  }

  @Test
  void aVehicleThatFallsSilentIsForgottenAndLeavesItsPlace() throws Exception {
    KeyedOneInputStreamOperatorTestHarness<String, TrafficEvent, TrafficEvent> harness = TrafficEvents.vehicleOperator();
    for (int report = 0; report < 4; report++) {
      ProbePosition p = at("v", T0730 + report * 10_000L, "M1-E-07", 600, 0);
      harness.processElement(event(p), p.time());
    }
    assertThat(stopChanges(harness)).extracting(StopChange::stopped).containsExactly(true);

    harness.processWatermark(T0730 + 30_000 + 60_000 + 10_000); // silent for 60 s, timers on 10 s steps

    assertThat(stopChanges(harness)).extracting(StopChange::stopped).containsExactly(true, false);
    assertThat(stopChanges(harness).get(1).time()).isEqualTo(T0730 + 90_000);
    assertThat(harness.extractOutputValues()).hasSize(4); // every report went on

    // its clock lasts as long as a window can take its events (1 min + 30 s lateness), then it is forgotten too
    harness.processWatermark(T0730 + 30_000 + 90_000);
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
    harness.close();
  }

  @Test
  void aVehicleAndAReportOfOneIdKeepAClockEachAndRepeatsAreDeadLetters() throws Exception {
    KeyedOneInputStreamOperatorTestHarness<String, TrafficEvent, TrafficEvent> harness = TrafficEvents.vehicleOperator();
    TrafficEvent position = event(at("X-1", T0730 + 10_000, "M1-E-07", 600, 50));
    TrafficEvent report = TrafficEvent.of(new io.roadstream.core.event.IncidentReport("X-1", "camera:C1", T0730,
        "accident", "OPEN", true, "M1-E-07", 600.0, null, null, null, 1, "two cars"), "reports", 0, 7);
    harness.processElement(position, position.eventTime());
    harness.processElement(report, report.eventTime());     // earlier than the vehicle's event: its own clock
    harness.processElement(position, position.eventTime()); // the vehicle again: a duplicate

    assertThat(harness.extractOutputValues()).containsExactly(position, report);
    List<io.roadstream.core.event.DeadLetter> dead = new ArrayList<>();
    harness.getSideOutput(DeadLetterSplitter.DEAD_LETTERS).forEach(r -> dead.add(r.getValue()));
    assertThat(dead).singleElement().satisfies(d -> {
      assertThat(d.reasonCode()).isEqualTo(io.roadstream.core.event.DeadLetterReason.OUT_OF_ORDER);
      assertThat(d.reason()).isEqualTo(io.roadstream.core.validation.SourceClock
          .refusal("vehicle 'X-1'", position.eventTime(), position.eventTime()).orElseThrow());
    });
    harness.close();
  }

  private static List<StopChange> stopChanges(KeyedOneInputStreamOperatorTestHarness<?, ?, ?> harness) {
    List<StopChange> changes = new ArrayList<>();
    var records = harness.getSideOutput(VehicleFunction.STOP_CHANGES);
    if (records != null) {
      records.forEach(r -> changes.add(r.getValue()));
    }
    return changes;
  }
}
