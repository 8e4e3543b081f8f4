package io.roadstream.pipeline;

import static io.roadstream.pipeline.TrafficEvents.MINUTE;
import static io.roadstream.pipeline.TrafficEvents.NETWORK;
import static io.roadstream.pipeline.TrafficEvents.SEGMENT;
import static io.roadstream.pipeline.TrafficEvents.T0730;
import static io.roadstream.pipeline.TrafficEvents.probe;
import static io.roadstream.pipeline.TrafficEvents.reading;
import static org.assertj.core.api.Assertions.assertThat;

import io.roadstream.core.event.SegmentStats;
import io.roadstream.core.traffic.SegmentObservations;
import io.roadstream.core.traffic.SegmentStatsCalculator;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.SimpleOperatorFactory;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The per-segment window operator of the workflow, driven through Flink's keyed operator test harness. */
class SegmentStatsWindowTest {

  private static final Duration LATENESS = Duration.ofSeconds(30);
  private KeyedOneInputStreamOperatorTestHarness<String, TrafficEvent, SegmentStats> harness;

  @BeforeEach
  @SuppressWarnings("unchecked")
  void openHarness() throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    DataStream<TrafficEvent> input = env.fromData(reading(T0730, 1, 1, 0));
    TrafficWorkflow.Outputs outputs = TrafficWorkflow.define(input, NETWORK,
        new TrafficWorkflow.Settings(Duration.ofMinutes(1), LATENESS));
    OneInputTransformation<TrafficEvent, SegmentStats> window =
        (OneInputTransformation<TrafficEvent, SegmentStats>) outputs.stats().getTransformation();
    harness = new KeyedOneInputStreamOperatorTestHarness<>(
        (OneInputStreamOperator<TrafficEvent, SegmentStats>) ((SimpleOperatorFactory<SegmentStats>)
            window.getOperatorFactory()).getOperator(),
        TrafficEvent::segmentId, Types.STRING);
    harness.open();
  }

  @AfterEach
  void closeHarness() throws Exception {
    harness.close();
  }

  private void send(TrafficEvent e) throws Exception {
    harness.processElement(e, e.eventTime());
  }

  @Test
  void emitsOneRecordPerSegmentAndWindowWhenTheWatermarkPassesItsEnd() throws Exception {
    TrafficEvent r1 = reading(T0730, 20, 90, 0.08);
    TrafficEvent r2 = reading(T0730 + 30_000, 25, 80, 0.10);
    TrafficEvent p1 = probe(SEGMENT, T0730 + 12_000, 85);
    TrafficEvent other = probe("M1-E-04", T0730 + 5_000, 40);
    TrafficEvent nextWindow = reading(T0730 + MINUTE, 10, 100, 0.03);
    for (TrafficEvent e : List.of(r1, p1, other, r2, nextWindow)) {
      send(e);
    }

    harness.processWatermark(T0730 + MINUTE - 2);
    assertThat(harness.extractOutputValues()).isEmpty();

    harness.processWatermark(T0730 + MINUTE - 1);
    assertThat(harness.extractOutputValues()).containsExactlyInAnyOrder(
        SegmentStatsCalculator.compute(NETWORK.requireSegment(SEGMENT), T0730, T0730 + MINUTE,
            new SegmentObservations().add(r1.reading()).add(r2.reading()).add(p1.position())),
        SegmentStatsCalculator.compute(NETWORK.requireSegment("M1-E-04"), T0730, T0730 + MINUTE,
            new SegmentObservations().add(other.position())));
  }

  @Test
  void aLateEventWithinTheAllowedLatenessUpdatesItsWindow() throws Exception {
    TrafficEvent onTime = reading(T0730, 20, 90, 0.08);
    TrafficEvent late = reading(T0730 + 30_000, 30, 60, 0.20);
    send(onTime);
    harness.processWatermark(T0730 + MINUTE + 10_000);
    send(late);

    List<SegmentStats> out = harness.extractOutputValues();
    assertThat(out).hasSize(2);
    assertThat(out.get(1)).isEqualTo(SegmentStatsCalculator.compute(NETWORK.requireSegment(SEGMENT), T0730,
        T0730 + MINUTE, new SegmentObservations().add(onTime.reading()).add(late.reading())));
    assertThat(harness.getSideOutput(TrafficWorkflow.LATE_EVENTS)).isNull();
  }

  @Test
  void anEventBeyondTheAllowedLatenessGoesToTheLateOutputNotTheWindow() throws Exception {
    send(reading(T0730, 20, 90, 0.08));
    harness.processWatermark(T0730 + MINUTE + LATENESS.toMillis());
    TrafficEvent tooLate = reading(T0730 + 30_000, 30, 60, 0.20);
    send(tooLate);

    assertThat(harness.extractOutputValues()).hasSize(1);
    assertThat(harness.getSideOutput(TrafficWorkflow.LATE_EVENTS))
        .extracting(record -> record.getValue()).containsExactly(tooLate);
  }

  @Test
  void stateIsClearedOnceAWindowCanNoLongerChange() throws Exception {
    send(reading(T0730, 20, 90, 0.08));
    send(probe("M1-E-04", T0730 + 1_000, 40));
    assertThat(harness.numKeyedStateEntries()).isPositive();

    harness.processWatermark(T0730 + MINUTE - 1);
    assertThat(harness.numKeyedStateEntries()).as("kept for the allowed lateness").isPositive();

    harness.processWatermark(T0730 + MINUTE - 1 + LATENESS.toMillis());
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }
}
