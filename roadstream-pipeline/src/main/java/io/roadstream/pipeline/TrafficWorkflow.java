package io.roadstream.pipeline;

import io.roadstream.core.alert.AlertPlanner;
import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.event.Alert;
import io.roadstream.core.congestion.CongestionEvent;
import io.roadstream.core.congestion.JamSettings;
import io.roadstream.core.event.DeadLetter;
import io.roadstream.core.event.Incident;
import io.roadstream.core.event.ProbePosition;
import io.roadstream.core.incident.StoppedVehicleDetector;
import io.roadstream.core.event.SegmentStats;
import io.roadstream.core.network.RoadNetwork;
import java.time.Duration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.OutputTag;

/**
 * The segment-statistics dataflow, shared by the job's main, the embedded runtime and the tests: sources come in
 * (with timestamps and watermarks already assigned, see {@link EventTime}), streams go out, and the caller attaches
 * the sinks.
 */
public final class TrafficWorkflow {

  /** Where late events are diverted from the window operator. */
  public static final OutputTag<TrafficEvent> LATE_EVENTS = new OutputTag<>("late-events") { };

  /**
   * The job's outputs: statistics per segment and window, jams, and every record that could not be used.
   */
  public record Outputs(DataStream<SegmentStats> stats, DataStream<CongestionEvent> congestion,
      DataStream<Incident> incidents, DataStream<Alert> alerts, DataStream<SignalPlanRecord> signalPlans,
      DataStream<DeadLetter> deadLetters) {}

  /**
   * @param window          the tumbling window length
   * @param allowedLateness how long a window accepts late events
   * @param jams            when segments count as congested and jams open and clear
   * @param alertDistanceM  drivers this far upstream of an accident or a jam's tail are alerted
   */
  public record Settings(Duration window, Duration allowedLateness, JamSettings jams, double alertDistanceM) {

    public Settings(Duration window, Duration allowedLateness) {
      this(window, allowedLateness, JamSettings.DEFAULT, AlertPlanner.DEFAULT_DISTANCE_M);
    }
  }

  /** A probe silent this long has left (or switched off): it no longer counts as stopped anywhere. */
  public static final Duration VEHICLE_GONE_AFTER = Duration.ofSeconds(60);

  /** Signal plans are recomputed for each intersection once per this much event time. */
  public static final Duration SIGNAL_PLAN_PERIOD = Duration.ofMinutes(5);

  private TrafficWorkflow() {}

  public static Outputs define(DataStream<TrafficEvent> events, RoadNetwork network, Settings settings) {
    SingleOutputStreamOperator<TrafficEvent> valid = events
        .process(new DeadLetterSplitter())
        .name("split dead letters").uid("split-dead-letters");

    SingleOutputStreamOperator<SegmentStats> stats = valid
        .keyBy(TrafficEvent::segmentId)
        .window(TumblingEventTimeWindows.of(settings.window()))
        .allowedLateness(settings.allowedLateness())
        .sideOutputLateData(LATE_EVENTS)
        .aggregate(new SegmentObservationAggregator(), new SegmentStatsWindowFunction(network))
        .name("segment stats window").uid("segment-stats-window");

    DataStream<DeadLetter> late = stats.getSideOutput(LATE_EVENTS)
        .map(new LateEvents(new EventCodec(), settings.window().toMillis(), settings.allowedLateness().toMillis()))
        .name("late events to dead letters").uid("late-events");

    String networkName = network.name();
    DataStream<CongestionEvent> congestion = stats
        .keyBy(SegmentStats::segmentId)
        .process(new SegmentCongestionFunction(settings.jams()))
        .name("segment congestion").uid("segment-congestion")
        .keyBy(change -> networkName)
        .process(new JamAssemblerFunction(network))
        .name("jam assembler").uid("jam-assembler");

    DataStream<Incident> incidents = valid
        .filter(event -> event.position() != null).name("positions").uid("positions")
        .map(TrafficEvent::position).name("probe reports").uid("probe-reports")
        .keyBy(ProbePosition::vehicleId)
        .process(new StoppedVehicleFunction(StoppedVehicleDetector.LINEAR_ROAD_REPORTS_TO_STOP, VEHICLE_GONE_AFTER))
        .name("stopped vehicles").uid("stopped-vehicles")
        .keyBy(StopChange::placeKey)
        .process(new AccidentFunction())
        .name("accidents").uid("accidents");

    AlertPlanner planner = new AlertPlanner(network, settings.alertDistanceM());
    DataStream<AlertPlan> incidentPlans = incidents
        .map(i -> new AlertPlan(i.incidentId(), i.time(), planner.forIncident(i).toArray(Alert[]::new)))
        .name("alerts for incidents").uid("incident-alert-plans");
    DataStream<AlertPlan> jamPlans = congestion
        .map(j -> new AlertPlan(j.jamId(), j.time(), planner.forJam(j).toArray(Alert[]::new)))
        .name("alerts for jams").uid("jam-alert-plans");
    DataStream<Alert> alerts = incidentPlans.union(jamPlans)
        .keyBy(AlertPlan::causeId)
        .process(new AlertBookFunction())
        .name("driver alerts").uid("driver-alerts");

    DataStream<SignalPlanRecord> signalPlans = stats
        .flatMap(new ApproachRouter(network)).name("approach stats").uid("approach-stats")
        .keyBy(ApproachStats::intersectionId)
        .process(new SignalPlanFunction(network, SIGNAL_PLAN_PERIOD.toMillis()))
        .name("signal plans").uid("signal-plans");

    DataStream<DeadLetter> deadLetters = valid.getSideOutput(DeadLetterSplitter.DEAD_LETTERS).union(late);
    return new Outputs(stats, congestion, incidents, alerts, signalPlans, deadLetters);
  }
}
