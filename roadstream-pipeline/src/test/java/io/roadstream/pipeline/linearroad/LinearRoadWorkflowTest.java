package io.roadstream.pipeline.linearroad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.roadstream.core.event.DeadLetter;
import io.roadstream.core.event.DeadLetterReason;
import io.roadstream.core.linearroad.LinearRoadAnswer;
import io.roadstream.core.linearroad.LinearRoadEngine;
import io.roadstream.core.linearroad.LinearRoadParser;
import io.roadstream.core.linearroad.TollHistory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Linear Road workflow on a Flink MiniCluster at parallelism 2, on a small hand-made input: every answer is the
 * sequential engine's, and the cases a parallel job can get wrong are checked by name.
 */
class LinearRoadWorkflowTest {

  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
      .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  /** Simulation seconds. */
  static final int T0 = 0, T30 = 30, T60 = 60, T90 = 90, T120 = 120;
  static final int CONGESTED_SEG = 10, ACCIDENT_SEG = 20;
  static final int CROWD = 60, SLOW_MPH = 20;
  /** The car that pays a congestion toll, and asks for its balance in the second it is charged. */
  static final int PAYER = 1000;
  static final int CRASH_A = 2001, CRASH_B = 2002;
  /** The car entering a segment upstream of the accident after it was detected. */
  static final int WARNED = 3000;
  static final int QID_BEFORE_CHARGE = 6, QID_SAME_SECOND = 7, QID_EXPENDITURE = 8;

  @Test
  void answersTollsAlertsAndQueriesAsTheEngineAndParksBadRows(@TempDir Path dir) throws Exception {
    Path history = dir.resolve("tolls.dat");
    Files.writeString(history, PAYER + ",1,0,55\n" + WARNED + ",2,0,3\n");
    List<String> rows = input();
    String malformed = "0,30,not-a-row";
    String invalid = position(T30, 4000, 120, 1, 9, 9 * 5280);   // 120 mph is out of range
    List<String> withBadRows = new ArrayList<>(rows);
    withBadRows.add(5, malformed);
    withBadRows.add(70, invalid);

    LinearRoadRowDeserializer deserializer = new LinearRoadRowDeserializer();
    List<LinearRoadRow> decoded = new ArrayList<>();
    for (int i = 0; i < withBadRows.size(); i++) {
      decoded.add(deserializer.decode("linear-road", 0, i, null, withBadRows.get(i).getBytes(StandardCharsets.US_ASCII)));
    }

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    // as in the job: a type that would fall back to Kryo is an error
    env.configure(new Configuration().set(PipelineOptions.GENERIC_TYPES, false));
    DataStream<LinearRoadRow> stream = env.fromData(decoded, TypeInformation.of(LinearRoadRow.class))
        .assignTimestampsAndWatermarks(LinearRoadWorkflow.watermarks(Duration.ofSeconds(5)));
    LinearRoadWorkflow.Outputs out = LinearRoadWorkflow.define(stream,
        new LinearRoadWorkflow.Settings(history.toString()));
    CloseableIterator<String> answers = out.answers().collectAsync();
    CloseableIterator<DeadLetter> deadLetters = out.deadLetters().collectAsync();
    env.execute("linear road workflow test");

    List<String> actual = new ArrayList<>();
    answers.forEachRemaining(actual::add);
    List<DeadLetter> parked = new ArrayList<>();
    deadLetters.forEachRemaining(parked::add);

    assertThat(actual).containsExactlyInAnyOrderElementsOf(engine(rows, history));
    assertThat(actual).contains(
        // 60 cars crawled through segment 10 in minute 1: 2·(60-50)² on entering it in minute 2
        "0," + PAYER + "," + T60 + "," + T60 + "," + SLOW_MPH + ",200",
        // asked before the report that charged it, in the same second: the charge counts
        "2," + T90 + "," + T90 + "," + T90 + "," + QID_SAME_SECOND + ",200",
        "2," + T60 + "," + T60 + "," + T60 + "," + QID_BEFORE_CHARGE + ",0",
        // stopped together at t=90 (minute 2), announced from minute 3 to cars up to 4 segments upstream
        "1," + T120 + "," + T120 + ",0," + ACCIDENT_SEG + ",0," + WARNED,
        "0," + WARNED + "," + T120 + "," + T120 + ",0,0",
        "3," + T120 + "," + T120 + "," + QID_EXPENDITURE + ",55");
    assertThat(parked).extracting(DeadLetter::reasonCode, DeadLetter::offset, d -> new String(d.payload(),
        StandardCharsets.US_ASCII)).containsExactlyInAnyOrder(
            tuple(DeadLetterReason.MALFORMED, 5L, malformed),
            tuple(DeadLetterReason.INVALID, 70L, invalid));
    assertThat(parked).allSatisfy(d -> assertThat(d.reason()).isNotBlank());
  }

  /** The rows, in time order; within a second, the balance query comes before the report that charges the toll. */
  private static List<String> input() {
    List<String> rows = new ArrayList<>();
    for (int t : new int[] {T0, T30}) {
      for (int car = 0; car < CROWD; car++) {
        rows.add(position(t, car, SLOW_MPH, 1 + car % 3, CONGESTED_SEG, CONGESTED_SEG * 5280 + car * 10 + t));
      }
      crash(rows, t);
    }
    rows.add(position(T30, PAYER, 50, 1, CONGESTED_SEG - 1, (CONGESTED_SEG - 1) * 5280 + 100));
    rows.add(balanceQuery(T60, PAYER, QID_BEFORE_CHARGE));
    rows.add(position(T60, PAYER, 30, 1, CONGESTED_SEG, CONGESTED_SEG * 5280 + 100));
    crash(rows, T60);
    rows.add(balanceQuery(T90, PAYER, QID_SAME_SECOND));
    rows.add(position(T90, PAYER, 30, 1, CONGESTED_SEG + 1, (CONGESTED_SEG + 1) * 5280 + 100));
    crash(rows, T90);
    rows.add(position(T90, WARNED, 60, 1, ACCIDENT_SEG - 3, (ACCIDENT_SEG - 3) * 5280 + 100));
    rows.add(position(T120, WARNED, 60, 1, ACCIDENT_SEG - 2, (ACCIDENT_SEG - 2) * 5280 + 100));
    crash(rows, T120);
    rows.add("3," + T120 + "," + PAYER + ",-1,0,-1,-1,-1,-1," + QID_EXPENDITURE + ",-1,-1,-1,-1,1");
    return rows;
  }

  /** Two cars standing at the same spot of the accident segment. */
  private static void crash(List<String> rows, int t) {
    for (int car : new int[] {CRASH_A, CRASH_B}) {
      rows.add(position(t, car, 0, 2, ACCIDENT_SEG, ACCIDENT_SEG * 5280 + 777));
    }
  }

  private static String position(int t, int vid, int speed, int lane, int seg, int pos) {
    return "0," + t + "," + vid + "," + speed + ",0," + lane + ",0," + seg + "," + pos + ",-1,-1,-1,-1,-1,-1";
  }

  private static String balanceQuery(int t, int vid, int qid) {
    return "2," + t + "," + vid + ",-1,-1,-1,-1,-1,-1," + qid + ",-1,-1,-1,-1,-1";
  }

  /** The sequential reference engine's answers to the same rows. */
  private static List<String> engine(List<String> rows, Path history) {
    LinearRoadEngine engine = new LinearRoadEngine(TollHistory.load(history));
    List<String> answers = new ArrayList<>();
    for (String row : rows) {
      engine.accept(LinearRoadParser.parse(row), (LinearRoadAnswer a) -> answers.add(a.toCsv()));
    }
    engine.finish(a -> answers.add(a.toCsv()));
    return answers;
  }
}
