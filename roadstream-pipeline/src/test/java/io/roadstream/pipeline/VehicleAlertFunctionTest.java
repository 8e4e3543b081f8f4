package io.roadstream.pipeline;

import static io.roadstream.pipeline.TrafficEvents.T0730;
import static org.assertj.core.api.Assertions.assertThat;

import io.roadstream.core.event.Alert;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** One segment's alerts reaching the probe vehicles on it, with a presence of 30 s. */
class VehicleAlertFunctionTest {

  private static final String SEGMENT = "M1-E-05";
  private static final long SECOND = 1_000;

  private static VehicleSighting seen(String vehicle, long at) {
    return new VehicleSighting(SEGMENT, vehicle, at);
  }

  private static Alert alert(String type, long at) {
    return new Alert("jam-1:" + SEGMENT, type, at, SEGMENT, 800, "JAM", "jam-1", "M1-E-06", "Jam ahead");
  }

  private static List<String> toVehicles(
      KeyedTwoInputStreamOperatorTestHarness<String, VehicleSighting, Alert, Alert> harness) {
    return harness.extractOutputValues().stream().map(a -> a.vehicleId() + " " + a.type() + " @" + (a.time() - T0730))
        .toList();
  }

  @Test
  void vehiclesOnTheSegmentGetAnAlertOnceWhenIssuedAndNewcomersWithTheirFirstReport() throws Exception {
    try (var harness = TrafficEvents.vehicleAlertOperator()) {
      harness.processElement1(seen("car-1", T0730), T0730);
      harness.processElement2(alert(Alert.ISSUED, T0730 + 5 * SECOND), T0730 + 5 * SECOND);
      for (long t = 2; t <= 20; t += 2) {
        harness.processElement1(seen("car-1", T0730 + t * SECOND), T0730 + t * SECOND);
      }
      harness.processElement1(seen("car-2", T0730 + 12 * SECOND), T0730 + 12 * SECOND);
      harness.processElement1(seen("car-2", T0730 + 14 * SECOND), T0730 + 14 * SECOND);

      assertThat(toVehicles(harness)).containsExactly("car-1 ISSUED @5000", "car-2 ISSUED @12000");
    }
  }

  @Test
  void aVehicleCountsAsPresentUntilTheTimerStepAfterItsLastReportPlusThePresence() throws Exception {
    try (var harness = TrafficEvents.vehicleAlertOperator()) {
      // reports at +1 s and +3 s: present until the first 10 s step after +3 s + 30 s, which is +40 s
      harness.processElement1(seen("car-1", T0730 + SECOND), T0730 + SECOND);
      harness.processElement1(seen("car-1", T0730 + 3 * SECOND), T0730 + 3 * SECOND);
      harness.processElement2(alert(Alert.ISSUED, T0730 + 4 * SECOND), T0730 + 4 * SECOND);

      harness.processBothWatermarks(new Watermark(T0730 + 40 * SECOND - 1));
      harness.processElement2(alert(Alert.WITHDRAWN, T0730 + 39 * SECOND), T0730 + 39 * SECOND);
      assertThat(toVehicles(harness)).as("still there at +39.999 s")
          .containsExactly("car-1 ISSUED @4000", "car-1 WITHDRAWN @39000");

      harness.processElement2(alert(Alert.ISSUED, T0730 + 39 * SECOND), T0730 + 39 * SECOND);
      harness.processBothWatermarks(new Watermark(T0730 + 40 * SECOND));
      harness.processElement2(alert(Alert.WITHDRAWN, T0730 + 45 * SECOND), T0730 + 45 * SECOND);
      assertThat(toVehicles(harness)).as("gone at +40 s: neither the new alert nor its withdrawal reach it")
          .containsExactly("car-1 ISSUED @4000", "car-1 WITHDRAWN @39000", "car-1 ISSUED @39000");
      assertThat(harness.numKeyedStateEntries()).as("nothing kept: the vehicle is forgotten, the alert withdrawn")
          .isZero();
    }
  }

  @Test
  void aVehicleThatComesBackAfterLeavingGetsTheAlertsStillOutAgain() throws Exception {
    try (var harness = TrafficEvents.vehicleAlertOperator()) {
      harness.processElement2(alert(Alert.ISSUED, T0730), T0730);
      harness.processElement1(seen("car-1", T0730 + 2 * SECOND), T0730 + 2 * SECOND);
      harness.processBothWatermarks(new Watermark(T0730 + 60 * SECOND));
      harness.processElement1(seen("car-1", T0730 + 61 * SECOND), T0730 + 61 * SECOND);

      assertThat(toVehicles(harness)).containsExactly("car-1 ISSUED @2000", "car-1 ISSUED @61000");
    }
  }

  @Test
  void aProbeReportingEveryTwoSecondsSetsOneTimerPerStep() throws Exception {
    try (var harness = TrafficEvents.vehicleAlertOperator()) {
      for (long t = 0; t < 60; t += 2) {
        harness.processElement1(seen("car-1", T0730 + t * SECOND), T0730 + t * SECOND);
      }
      // reports over [0 s, 58 s]: their expiries (+30 s) fall in six steps, from +40 s to +90 s
      assertThat(harness.numEventTimeTimers()).isEqualTo(6);
    }
  }
}
