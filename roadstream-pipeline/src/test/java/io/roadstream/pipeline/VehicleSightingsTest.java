package io.roadstream.pipeline;

import static io.roadstream.pipeline.TrafficEvents.T0730;
import static org.assertj.core.api.Assertions.assertThat;

import io.roadstream.core.event.Alert;
import io.roadstream.core.event.ProbePosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The vehicle operator sends the alert operator only the positions that can change a vehicle's presence on its
 * segment. The reference is the alert operator fed every position, as it was before: fed only the vehicle operator's
 * sightings, it must tell every vehicle exactly the same, in the same order.
 */
class VehicleSightingsTest {

  private static final long SECOND = 1_000;
  private static final List<String> SEGMENTS = List.of("M1-E-04", "M1-E-05", "M1-E-06");

  @Test
  void aProbeReportingEveryTwoSecondsOnOneSegmentIsSentOnceAStep() throws Exception {
    try (var vehicles = TrafficEvents.vehicleOperator()) {
      for (long t = 0; t < 60; t += 2) {
        vehicles.processElement(position("car-1", "M1-E-05", T0730 + t * SECOND), T0730 + t * SECOND);
      }
      // expiries (+30 s) of reports at 0 … 58 s fall in six 10 s steps; the first report of each is sent
      assertThat(sightings(vehicles)).extracting(s -> (s.time() - T0730) / SECOND)
          .containsExactly(0L, 10L, 20L, 30L, 40L, 50L);
    }
  }

  @Test
  void aChangeOfSegmentIsAlwaysSent() throws Exception {
    try (var vehicles = TrafficEvents.vehicleOperator()) {
      vehicles.processElement(position("car-1", "M1-E-04", T0730), T0730);
      vehicles.processElement(position("car-1", "M1-E-05", T0730 + 2 * SECOND), T0730 + 2 * SECOND);
      vehicles.processElement(position("car-1", "M1-E-04", T0730 + 4 * SECOND), T0730 + 4 * SECOND);
      vehicles.processElement(position("car-1", "M1-E-04", T0730 + 6 * SECOND), T0730 + 6 * SECOND);

      assertThat(sightings(vehicles)).extracting(s -> s.segmentId() + "@" + (s.time() - T0730) / SECOND)
          .containsExactly("M1-E-04@0", "M1-E-05@2", "M1-E-04@4");
    }
  }

  @Test
  void theAlertsToVehiclesAreThoseOfEveryPositionSentThere() throws Exception {
    for (long seed = 1; seed <= 20; seed++) {
      Random random = new Random(seed);
      try (var vehicles = TrafficEvents.vehicleOperator(); var everyPosition = TrafficEvents.vehicleAlertOperator(); var sightingsOnly = TrafficEvents.vehicleAlertOperator()) {
        int sent = 0;
        int positions = 0;
        long t = T0730;
        long watermark = Long.MIN_VALUE;
        List<String> onSegment = new ArrayList<>(List.of(SEGMENTS.get(0), SEGMENTS.get(0), SEGMENTS.get(1),
            SEGMENTS.get(2), SEGMENTS.get(1)));
        long[] nextReport = new long[onSegment.size()];
        for (int step = 0; step < 900; step++) {
          t += 200 + random.nextInt(800);
          for (int v = 0; v < onSegment.size(); v++) {
            if (t < nextReport[v]) {
              continue;
            }
            if (random.nextInt(12) == 0) {
              onSegment.set(v, SEGMENTS.get(random.nextInt(SEGMENTS.size())));
            }
            // mostly every 1–3 s, now and then silent for up to a minute (long enough to expire)
            nextReport[v] = t + (random.nextInt(25) == 0 ? 40 + random.nextInt(25) : 1 + random.nextInt(3)) * SECOND;
            TrafficEvent p = position("car-" + v, onSegment.get(v), t);
            positions++;
            everyPosition.processElement1(new StreamRecord<>(VehicleSighting.of(p.position()), t));
            int before = sightings(vehicles).size();
            vehicles.processElement(p, t);
            List<VehicleSighting> out = sightings(vehicles);
            for (VehicleSighting s : out.subList(before, out.size())) {
              sightingsOnly.processElement1(new StreamRecord<>(s, t));
              sent++;
            }
          }
          if (random.nextInt(40) == 0) {
            String segment = SEGMENTS.get(random.nextInt(SEGMENTS.size()));
            Alert alert = alert(segment, random.nextBoolean() ? Alert.ISSUED : Alert.WITHDRAWN, t);
            everyPosition.processElement2(new StreamRecord<>(alert, t));
            sightingsOnly.processElement2(new StreamRecord<>(alert, t));
          }
          if (t - 5 * SECOND > watermark + 3 * SECOND) {
            watermark = t - 5 * SECOND; // 5 s behind, as the job's sources hold it
            vehicles.processWatermark(new Watermark(watermark));
            everyPosition.processBothWatermarks(new Watermark(watermark));
            sightingsOnly.processBothWatermarks(new Watermark(watermark));
          }
        }
        assertThat(everyPosition.extractOutputValues()).as("seed %d: some alerts reached vehicles", seed)
            .hasSizeGreaterThan(10);
        assertThat(sightingsOnly.extractOutputValues()).as("seed %d", seed)
            .containsExactlyElementsOf(everyPosition.extractOutputValues());
        assertThat(sent).as("seed %d: sightings sent of %d positions", seed, positions)
            .isLessThan(positions * 2 / 3);
      }
    }
  }

  private static TrafficEvent position(String vehicle, String segment, long time) {
    return TrafficEvent.of(new ProbePosition(vehicle, time, null, null, segment, 100.0 + (time % 1000), 1, 50, null),
        "positions", 0, 0);
  }

  private static Alert alert(String segment, String type, long at) {
    return new Alert("jam-1:" + segment, type, at, segment, 800, "JAM", "jam-1", "M1-E-07", "Jam ahead");
  }

  private static List<VehicleSighting> sightings(KeyedOneInputStreamOperatorTestHarness<?, ?, ?> harness) {
    List<VehicleSighting> out = new ArrayList<>();
    var records = harness.getSideOutput(VehicleFunction.SIGHTINGS);
    if (records != null) {
      records.forEach(r -> out.add(r.getValue()));
    }
    return out;
  }
}
