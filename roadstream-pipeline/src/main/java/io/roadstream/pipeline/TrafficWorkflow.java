package io.roadstream.pipeline;

import io.roadstream.core.alert.AlertPlanner;
import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.config.RoadstreamConfig;
import io.roadstream.core.event.LevelOfService;
import io.roadstream.core.event.Alert;
import io.roadstream.core.congestion.CongestionEvent;
import io.roadstream.core.congestion.JamSettings;
import io.roadstream.core.event.DeadLetter;
import io.roadstream.core.event.Incident;
import io.roadstream.core.detector.CaliforniaThresholds;
import io.roadstream.core.detector.StationPair;
import io.roadstream.core.detector.StationPairs;
import io.roadstream.core.incident.IncidentSettings;
import io.roadstream.core.incident.IncidentSignal;
import io.roadstream.core.incident.IncidentSignals;
import io.roadstream.core.incident.StoppedVehicleDetector;
import io.roadstream.core.event.SegmentStats;
import io.roadstream.core.network.RoadNetwork;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
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
   * @param vehiclePresence a probe counts as on a segment, for the alerts addressed to it, this long after its report
   * @param stopAfterReports consecutive reports at one place that make a probe vehicle stopped
   * @param vehicleGoneAfter a probe silent this long no longer counts as stopped
   * @param incidents       how signals of probes, detectors and reports merge and confirm
   * @param california      the thresholds of the detector-pair incident tests
   */
  public record Settings(Duration window, Duration allowedLateness, JamSettings jams, double alertDistanceM,
      Duration vehiclePresence, int stopAfterReports, Duration vehicleGoneAfter, IncidentSettings incidents, CaliforniaThresholds california) {

    public Settings(Duration window, Duration allowedLateness) {
      this(window, allowedLateness, JamSettings.DEFAULT, AlertPlanner.DEFAULT_DISTANCE_M, VEHICLE_PRESENCE,
          StoppedVehicleDetector.LINEAR_ROAD_REPORTS_TO_STOP, VEHICLE_GONE_AFTER, IncidentSettings.DEFAULT,
          CaliforniaThresholds.DEFAULT);
    }

    /** The settings of {@code pipeline.*} and {@code detection.*}; invalid values throw, naming the key. */
    public static Settings of(RoadstreamConfig config) {
      RoadstreamConfig.Pipeline p = config.pipeline();
      RoadstreamConfig.Detection d = config.detection();
      if (d.alerts().vehiclePresenceSeconds() <= 0) {
        throw new IllegalArgumentException("detection.alerts.vehiclePresenceSeconds must be positive, got "
            + d.alerts().vehiclePresenceSeconds());
      }
      if (d.probes().stopAfterReports() < 2) {
        throw new IllegalArgumentException("detection.probes.stopAfterReports must be at least 2 (one report cannot "
            + "show a vehicle standing still), got " + d.probes().stopAfterReports());
      }
      if (d.probes().forgetVehicleAfterSeconds() <= 0) {
        throw new IllegalArgumentException("detection.probes.forgetVehicleAfterSeconds must be positive, got "
            + d.probes().forgetVehicleAfterSeconds());
      }
      return new Settings(Duration.ofSeconds(p.windowSeconds()), Duration.ofSeconds(p.allowedLatenessSeconds()),
          new JamSettings(LevelOfService.valueOf(d.jam().congestedFrom()), d.jam().openAfterWindows(),
              d.jam().clearAfterWindows()),
          d.alerts().upstreamDistanceM(), Duration.ofSeconds(d.alerts().vehiclePresenceSeconds()),
          d.probes().stopAfterReports(),
          Duration.ofSeconds(d.probes().forgetVehicleAfterSeconds()),
          new IncidentSettings(d.incidents().mergeDistanceM(), d.incidents().confirmAfterSeconds() * 1000L),
          new CaliforniaThresholds(d.california().occupancyDifference(), d.california().relativeOccupancyDifference(),
              d.california().downstreamOccupancy(), d.california().downstreamFlowShare()));
    }
  }

  /** A probe silent this long has left (or switched off): it no longer counts as stopped anywhere. */
  public static final Duration VEHICLE_GONE_AFTER = Duration.ofSeconds(60);

  /**
   * The default of {@code detection.alerts.vehiclePresenceSeconds}: a probe counts as on a segment while it has
   * reported there this recently. Three reports at the simulator's 10 s interval, so one lost report does not drop
   * it, and a vehicle that drove on stops getting that segment's alerts within half a minute.
   */
  public static final Duration VEHICLE_PRESENCE = Duration.ofSeconds(30);

  /** Signal plans are recomputed for each intersection once per this much event time. */
  public static final Duration SIGNAL_PLAN_PERIOD = Duration.ofMinutes(5);

  private TrafficWorkflow() {}

  public static Outputs define(DataStream<TrafficEvent> events, RoadNetwork network, Settings settings) {
    // at its input's parallelism, chained to it, as are the filters after it: each partition's events stay in order
    // up to the keyBys below
    SingleOutputStreamOperator<TrafficEvent> valid = events
        .process(new DeadLetterSplitter())
        .setParallelism(events.getParallelism())
        .name("split dead letters").uid("split-dead-letters");

    // Before anything counts an event, a source may only move forward in time (duplicates, clocks going back). The
    // check runs where the events are keyed anyway: vehicles and reports by source, readings by segment (a detector
    // belongs to one segment) together with the positions on their way to the segment windows.
    long forgetSourcesAfter = settings.window().plus(settings.allowedLateness()).toMillis();
    // keyed by source id, vehicles and reports have their clocks checked, and probe positions go through the
    // stopped-vehicle rule, in one operator with one state value per id: its stop changes are a side output
    SingleOutputStreamOperator<TrafficEvent> bySource = valid
        .filter(event -> event.reading() == null).setParallelism(valid.getParallelism())
        .name("positions and reports").uid("positions-and-reports")
        .keyBy(TrafficEvent::sourceId)
        .process(new VehicleFunction(Duration.ofMillis(forgetSourcesAfter), settings.stopAfterReports(),
            settings.vehicleGoneAfter(), settings.vehiclePresence(), new EventCodec()))
        .name("vehicle and report clocks, stopped vehicles").uid("vehicles-and-reports");
    DataStream<TrafficEvent> positionsBySegment = bySource
        .filter(event -> event.position() != null).name("ordered positions").uid("ordered-positions");
    SingleOutputStreamOperator<TrafficEvent> bySegment = valid
        .filter(event -> event.reading() != null).setParallelism(valid.getParallelism())
        .name("readings").uid("raw-readings")
        .union(positionsBySegment)
        .keyBy(TrafficEvent::segmentId)
        .process(new SourceOrderFunction(forgetSourcesAfter, new EventCodec(),
            SourceOrderFunction.Checked.READINGS_BY_SEGMENT))
        .name("detector clocks").uid("detector-clocks");

    // still partitioned by segment: the windows need no second shuffle
    SingleOutputStreamOperator<SegmentStats> stats = DataStreamUtils
        .reinterpretAsKeyedStream(bySegment, TrafficEvent::segmentId, Types.STRING)
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

    DataStream<IncidentSignal> probeSignals = bySource.getSideOutput(VehicleFunction.STOP_CHANGES)
        .keyBy(StopChange::placeKey)
        .process(new AccidentFunction())
        .name("accidents").uid("accidents");

    List<StationPair> pairs = StationPairs.of(network);
    DataStream<IncidentSignal> detectorSignals = bySegment
        .filter(event -> event.reading() != null).name("ordered readings").uid("readings")
        .map(TrafficEvent::reading).name("detector readings").uid("detector-readings")
        .flatMap(new StationPairRouter(network, pairs)).name("station pairs").uid("station-pairs")
        .keyBy(PairOccupancy::pairKey)
        .process(new CaliforniaFunction(network, pairs, settings.california(),
            settings.allowedLateness().toMillis()))
        .name("california tests").uid("california-tests");

    DataStream<IncidentSignal> reportSignals = bySource
        .filter(event -> event.report() != null).name("reports").uid("reports")
        .map(event -> IncidentSignals.fromReport(event.report())).name("report signals").uid("report-signals");

    DataStream<Incident> incidents = probeSignals.union(detectorSignals, reportSignals)
        .keyBy(signal -> networkName)
        .process(new IncidentCorrelatorFunction(network, settings.incidents()))
        .name("incidents").uid("incidents");

    AlertPlanner planner = new AlertPlanner(network, settings.alertDistanceM());
    DataStream<AlertPlan> incidentPlans = incidents
        .map(i -> new AlertPlan(i.incidentId(), i.time(), planner.forIncident(i).toArray(Alert[]::new)))
        .name("alerts for incidents").uid("incident-alert-plans");
    DataStream<AlertPlan> jamPlans = congestion
        .map(j -> new AlertPlan(j.jamId(), j.time(), planner.forJam(j).toArray(Alert[]::new)))
        .name("alerts for jams").uid("jam-alert-plans");
    DataStream<Alert> segmentAlerts = incidentPlans.union(jamPlans)
        .keyBy(AlertPlan::causeId)
        .process(new AlertBookFunction())
        .name("driver alerts").uid("driver-alerts");
    // the alerts come from the windows' own results (jams, incidents), so this cannot be one operator with the
    // windows (that would be a cycle): the vehicle operator sends it the positions that can change a vehicle's
    // presence on its segment, as sightings (three fields), a fifth of the positions of a probe reporting every 2 s
    DataStream<Alert> vehicleAlerts = bySource.getSideOutput(VehicleFunction.SIGHTINGS)
        .keyBy(VehicleSighting::segmentId)
        .connect(segmentAlerts.keyBy(Alert::segmentId))
        .process(new VehicleAlertFunction(settings.vehiclePresence().toMillis()))
        .name("alerts to vehicles").uid("vehicle-alerts");
    DataStream<Alert> alerts = segmentAlerts.union(vehicleAlerts);

    DataStream<SignalPlanRecord> signalPlans = stats
        .flatMap(new ApproachRouter(network)).name("approach stats").uid("approach-stats")
        .keyBy(ApproachStats::intersectionId)
        .process(new SignalPlanFunction(network, SIGNAL_PLAN_PERIOD.toMillis()))
        .name("signal plans").uid("signal-plans");

    DataStream<DeadLetter> deadLetters = valid.getSideOutput(DeadLetterSplitter.DEAD_LETTERS)
        .union(bySource.getSideOutput(DeadLetterSplitter.DEAD_LETTERS),
            bySegment.getSideOutput(DeadLetterSplitter.DEAD_LETTERS), late);
    return new Outputs(stats, congestion, incidents, alerts, signalPlans, deadLetters);
  }
}
