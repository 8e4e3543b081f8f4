package io.roadstream.pipeline;

import static io.roadstream.pipeline.TrafficEvents.MINUTE;
import static io.roadstream.pipeline.TrafficEvents.NETWORK;
import static io.roadstream.pipeline.TrafficEvents.T0730;
import static org.assertj.core.api.Assertions.assertThat;

import io.roadstream.core.event.Incident;
import io.roadstream.core.event.IncidentReport;
import io.roadstream.core.event.IncidentType;
import io.roadstream.core.event.SensorReading;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Detectors and reports through the workflow: the California tests between two stations find an incident, a
 * camera report of the same incident joins it, and it clears only when both have stopped seeing it.
 */
class IncidentSourcesWorkflowTest {

  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
      .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  private static final String UPSTREAM = "D-M1-E-07";
  private static final String DOWNSTREAM = "D-M1-E-08";

  private static TrafficEvent reading(String detector, long time, double occupancy) {
    String segment = NETWORK.detector(detector).orElseThrow().segmentId();
    return TrafficEvent.of(segment, new SensorReading(detector, time, 30, 20, occupancy > 0.2 ? 15.0 : 95.0,
        occupancy), "readings", 0, 0);
  }

  private static TrafficEvent report(String status, long time) {
    return TrafficEvent.of(new IncidentReport("cam-7-1", "camera:CAM-7", time, "accident", status, false,
        "M1-E-07", 650.0, null, null, null, 2, "two cars in the left lanes"), "reports", 0, 0);
  }

  @Test
  void detectorsFindItAReportJoinsItAndItClearsWhenBothAreDone() throws Exception {
    long blocked = T0730 + 2 * MINUTE;
    long reopened = T0730 + 6 * MINUTE;
    List<TrafficEvent> input = new ArrayList<>();
    for (long t = T0730; t < T0730 + 12 * MINUTE; t += 30_000) {
      boolean incident = t >= blocked && t < reopened;
      // queue at the upstream station, starved downstream: the California #7 pattern
      input.add(reading(UPSTREAM, t, incident ? 0.38 : 0.08));
      input.add(reading(DOWNSTREAM, t, incident ? 0.05 : 0.07));
      if (t == blocked + MINUTE) {
        input.add(report(IncidentReport.OPEN, t + 10_000));
      }
      if (t == T0730 + 9 * MINUTE) {
        input.add(report(IncidentReport.CLOSED, t + 10_000));
      }
    }

    StreamExecutionEnvironment env = TrafficEvents.environment();
    TrafficWorkflow.Outputs out = TrafficEvents.workflow(env, input, Duration.ofSeconds(5));
    CloseableIterator<Incident> incidents = out.incidents().collectAsync();
    env.execute("incident sources test");
    List<Incident> seen = new ArrayList<>();
    incidents.forEachRemaining(seen::add);

    assertThat(seen).extracting(Incident::type)
        .containsExactly(IncidentType.DETECTED, IncidentType.CONFIRMED, IncidentType.CLEARED);
    assertThat(seen).extracting(Incident::incidentId).containsOnly(seen.get(0).incidentId());
    // the tests hold from the first blocked interval; an incident is declared when they hold again on the next
    Incident detected = seen.get(0);
    assertThat(detected.time()).isEqualTo(blocked + 30_000);
    assertThat(detected.source()).isEqualTo("detectors");
    assertThat(detected.kind()).isEqualTo("incident");
    assertThat(detected.evidence()).contains(UPSTREAM, DOWNSTREAM, "38 %");
    Incident confirmed = seen.get(1);
    assertThat(confirmed.time()).isEqualTo(blocked + 30_000);
    assertThat(confirmed.evidence()).contains("confirmed by detectors");
    // the detectors stop seeing it when the lanes reopen, the camera operator closes the report later: one clear
    Incident cleared = seen.get(2);
    assertThat(cleared.time()).isEqualTo(T0730 + 9 * MINUTE + 10_000);
    assertThat(cleared.source()).isEqualTo("reports");
    assertThat(cleared.kind()).isEqualTo("accident");
    assertThat(cleared.evidence()).contains("closed by the reporter");
  }
}
