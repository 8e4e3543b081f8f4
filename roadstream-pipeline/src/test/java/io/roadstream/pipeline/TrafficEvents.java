package io.roadstream.pipeline;

import io.roadstream.core.event.ProbePosition;
import io.roadstream.core.event.SensorReading;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.network.RoadNetworkLoader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.event.Alert;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;

/** Named instants and event builders for the pipeline tests, on the bundled metroville network. */
final class TrafficEvents {

  static final RoadNetwork NETWORK = new RoadNetworkLoader().load("metroville");
  static final long T0730 = Instant.parse("2026-11-27T07:30:00Z").toEpochMilli();
  static final long MINUTE = 60_000;

  static final String SEGMENT = "M1-E-03";
  static final String SENSOR = NETWORK.detectorsOn(SEGMENT).get(0).id();

  private TrafficEvents() {}

  /**
   * The vehicle operator in a test harness, keyed by source id: clocks forgotten after 90 s, stopped after 4 reports
   * at one place, gone after 60 s of silence, on a segment for its alerts 30 s after its last report there.
   */
  static KeyedOneInputStreamOperatorTestHarness<String, TrafficEvent, TrafficEvent> vehicleOperator()
      throws Exception {
    return ProcessFunctionTestHarnesses.forKeyedProcessFunction(new VehicleFunction(Duration.ofSeconds(90), 4,
        Duration.ofSeconds(60), TrafficWorkflow.VEHICLE_PRESENCE, new EventCodec()), TrafficEvent::sourceId,
        Types.STRING);
  }

  /** The alerts-to-vehicles operator in an open test harness, keyed by segment, with a presence of 30 s. */
  static KeyedTwoInputStreamOperatorTestHarness<String, VehicleSighting, Alert, Alert> vehicleAlertOperator()
      throws Exception {
    var harness = new KeyedTwoInputStreamOperatorTestHarness<>(
        new KeyedCoProcessOperator<>(new VehicleAlertFunction(TrafficWorkflow.VEHICLE_PRESENCE.toMillis())),
        VehicleSighting::segmentId, Alert::segmentId, Types.STRING);
    harness.open();
    return harness;
  }

  /**
   * A MiniCluster environment at parallelism 2, configured as the job is: a Kryo fallback is an error, and chained
   * operators hand records on without copying them.
   */
  static StreamExecutionEnvironment environment() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    env.configure(new Configuration().set(PipelineOptions.GENERIC_TYPES, false)
        .set(PipelineOptions.OBJECT_REUSE, true));
    return env;
  }

  /**
   * The workflow (1-minute windows, 30 s lateness) over {@code events}, fed as one Kafka partition feeds the job: in
   * order, from one task, so that each source's events stay in order (see SourceOrderFunction).
   */
  static TrafficWorkflow.Outputs workflow(StreamExecutionEnvironment env, List<TrafficEvent> events,
      Duration maxOutOfOrderness) {
    return TrafficWorkflow.define(env.fromData(events, TypeInformation.of(TrafficEvent.class))
            .assignTimestampsAndWatermarks(EventTime.strategy(maxOutOfOrderness, Duration.ofSeconds(10)))
            .setParallelism(1),
        NETWORK, new TrafficWorkflow.Settings(Duration.ofMinutes(1), Duration.ofSeconds(30)));
  }

  static TrafficEvent reading(long time, int count, double speed, double occupancy) {
    return TrafficEvent.of(SEGMENT, new SensorReading(SENSOR, time, 30, count, speed, occupancy), "readings", 0, 0);
  }

  static TrafficEvent probe(String segment, long time, double speed) {
    return TrafficEvent.of(new ProbePosition("car-" + time, time, null, null, segment, 100.0, 1, speed, null),
        "positions", 0, 0);
  }
}
