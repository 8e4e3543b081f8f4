package io.roadstream.pipeline;

import static io.roadstream.pipeline.TrafficEvents.NETWORK;
import static io.roadstream.pipeline.TrafficEvents.T0730;
import static org.assertj.core.api.Assertions.assertThat;

import io.roadstream.core.detector.CaliforniaThresholds;
import io.roadstream.core.detector.StationPair;
import io.roadstream.core.detector.StationPairs;
import io.roadstream.core.incident.IncidentSignal;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The per-pair operator with readings as real detectors send them: after their interval ends, stamped with its
 * start, so behind the watermark, and the two stations not at the same moment.
 */
class CaliforniaFunctionTest {

  private static final long INTERVAL = 30_000;
  private static final StationPair PAIR = StationPairs.of(NETWORK).stream()
      .filter(p -> p.key().equals("D-M1-E-07>D-M1-E-08")).findFirst().orElseThrow();

  private static PairOccupancy reading(boolean upstream, int interval, double occupancy, double flowShare) {
    long start = T0730 + interval * INTERVAL;
    return new PairOccupancy(PAIR.key(), upstream, start, start + INTERVAL, occupancy, flowShare);
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, PairOccupancy, IncidentSignal> harness()
      throws Exception {
    var harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(
        new CaliforniaFunction(NETWORK, List.of(PAIR), CaliforniaThresholds.DEFAULT, 30_000)),
        PairOccupancy::pairKey, Types.STRING);
    harness.open();
    return harness;
  }

  @Test
  void intervalsReportedBehindTheWatermarkAreDecidedWhenBothStationsAreIn() throws Exception {
    try (var harness = harness()) {
      for (int k = 0; k < 2; k++) {
        long start = T0730 + k * INTERVAL;
        harness.processWatermark(start + INTERVAL + 20_000); // positions have moved event time on meanwhile
        harness.processElement(reading(true, k, 0.38, 0.9), start);
        harness.processWatermark(start + INTERVAL + 25_000);
        harness.processElement(reading(false, k, 0.05, 0.12), start);
      }

      assertThat(harness.extractOutputValues()).extracting(IncidentSignal::status)
          .containsExactly(IncidentSignal.Status.SEEN, IncidentSignal.Status.CONFIRMED);
    }
  }

  @Test
  void aStationThatNeverReportsHoldsNothingBackPastTheGrace() throws Exception {
    try (var harness = harness()) {
      harness.processElement(reading(true, 0, 0.38, 0.9), T0730);  // the downstream station misses interval 0
      harness.processElement(reading(true, 1, 0.38, 0.9), T0730 + INTERVAL);
      harness.processElement(reading(false, 1, 0.05, 0.12), T0730 + INTERVAL);
      assertThat(harness.extractOutputValues()).as("interval 1 waits for interval 0").isEmpty();

      harness.processWatermark(T0730 + INTERVAL + 30_000); // interval 0's end plus the grace
      harness.processElement(reading(true, 2, 0.40, 0.9), T0730 + 2 * INTERVAL);
      harness.processElement(reading(false, 2, 0.06, 0.11), T0730 + 2 * INTERVAL);

      assertThat(harness.extractOutputValues()).extracting(IncidentSignal::status)
          .containsExactly(IncidentSignal.Status.SEEN, IncidentSignal.Status.CONFIRMED);
      assertThat(harness.numKeyedStateEntries()).as("no interval left waiting").isEqualTo(1);
    }
  }
}
