package io.roadstream.pipeline;

import static io.roadstream.pipeline.TrafficEvents.NETWORK;
import static io.roadstream.pipeline.TrafficEvents.T0730;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
 * Signal plans for metroville's I-B2 (Avenue B north-south, 2nd Street east-west; 2 lanes each, 12 s lost time)
 * from detector counts, checked against Webster's formula worked out here by hand.
 */
class SignalPlanWorkflowTest {

  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
      .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  private static final List<String> NORTH_SOUTH = List.of("A-B1-B2", "A-B3-B2");
  private static final List<String> EAST_WEST = List.of("A-A2-B2", "A-C2-B2");
  private static final long FIVE_MINUTES = 300_000;

  /** Readings every 30 s on the four approaches for one 5-minute period. */
  private static void period(List<TrafficEvent> events, int period, int northSouthPer30s, int eastWestPer30s) {
    long start = T0730 + period * FIVE_MINUTES;
    for (long t = start; t < start + FIVE_MINUTES; t += 30_000) {
      for (String s : NORTH_SOUTH) {
        events.add(TrafficEvent.of(s, new SensorReading("D-" + s, t, 30, northSouthPer30s, 40.0, 0.1), "r", 0, 0));
      }
      for (String s : EAST_WEST) {
        events.add(TrafficEvent.of(s, new SensorReading("D-" + s, t, 30, eastWestPer30s, 40.0, 0.1), "r", 0, 0));
      }
    }
  }

  /** Webster: y = q / (1800 veh/h/lane × 2 lanes) per phase, C0 = (1.5 L + 5) / (1 − Y), within 40..150 s. */
  private static double webster(int northSouthPer30s, int eastWestPer30s) {
    double y1 = northSouthPer30s * 120.0 / 3600;
    double y2 = eastWestPer30s * 120.0 / 3600;
    return Math.max(40, Math.min(150, (1.5 * 12 + 5) / (1 - (y1 + y2))));
  }

  @Test
  void publishesAPlanPerPeriodOnlyWhenTheTimingChanges() throws Exception {
    List<TrafficEvent> events = new ArrayList<>();
    period(events, 0, 10, 6);  // 1200 and 720 veh/h
    period(events, 1, 10, 6);  // the same: no new plan
    period(events, 2, 14, 8);  // 1680 and 960 veh/h: a longer cycle

    StreamExecutionEnvironment env = TrafficEvents.environment();
    TrafficWorkflow.Outputs out = TrafficEvents.workflow(env, events, Duration.ofSeconds(5));
    CloseableIterator<SignalPlanRecord> plans = out.signalPlans().collectAsync();
    env.execute("signal plan test");
    List<SignalPlanRecord> published = new ArrayList<>();
    plans.forEachRemaining(published::add);

    assertThat(published).extracting(SignalPlanRecord::intersectionId).containsOnly("I-B2");
    assertThat(published).extracting(SignalPlanRecord::computedAt)
        .containsExactly(T0730 + FIVE_MINUTES, T0730 + 3 * FIVE_MINUTES);
    assertThat(published.get(0).cycleS()).isCloseTo(webster(10, 6), within(1e-6));
    assertThat(published.get(1).cycleS()).isCloseTo(webster(14, 8), within(1e-6));
    SignalPlanRecord last = published.get(1);
    double greens = 0;
    for (SignalPlanRecord.PhaseRecord p : last.phases()) {
      greens += p.greenS();
    }
    assertThat(greens + 12).isCloseTo(last.cycleS(), within(1e-6));
    assertThat(last.phases()[0].approaches()).containsExactlyInAnyOrderElementsOf(NORTH_SOUTH);
    assertThat(last.phases()[0].greenS() / last.phases()[1].greenS()).isCloseTo(14.0 / 8.0, within(1e-6));
  }
}
