package io.roadstream.core.linearroad;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The whole 30-minute, one-expressway Linear Road run against the public validator's answers
 * (shared/data/linear-road/SOURCE.md): every answer of every type on its match key, no missing, no extra, same
 * values. Emit times are not compared.
 */
class LinearRoadShort30Test {

  static final Path DATA = Path.of("..", "..", "shared", "data", "linear-road");
  static final Path INPUT = DATA.resolve("lr-1x-30min.dat.gz");
  static final Path EXPECTED = DATA.resolve("lr-1x-30min.expected-out.txt.gz");
  static final Path MATCHING_TOLLS = DATA.resolve("lr-1x-30min.matchTollsOnly.dat");

  private static final int EXAMPLES = 5;

  @Test
  void answersMatchTheValidatorOnTheShortRun() throws IOException {
    Expected expected = Expected.load(EXPECTED);
    assertThat(expected.count).as("rows of each type in %s", EXPECTED)
        .containsEntry(0, 569_665).containsEntry(1, 6_444).containsEntry(2, 7_945).containsEntry(5, 7_945)
        .containsEntry(3, 1_579);

    Comparison comparison = new Comparison(expected);
    LinearRoadEngine engine = new LinearRoadEngine(TollHistory.load(MATCHING_TOLLS));
    long rows = 0;
    try (BufferedReader in = gzipLines(INPUT)) {
      String row;
      while ((row = in.readLine()) != null) {
        engine.accept(LinearRoadParser.parse(row), comparison);
        rows++;
      }
    }
    engine.finish(comparison);
    comparison.finish();

    System.out.println("Linear Road short run: " + rows + " input rows");
    System.out.println(comparison.report());
    assertThat(rows).isEqualTo(1_568_819);
    assertThat(comparison.differences()).as(comparison.report()).isZero();
    assertThat(comparison.matched).containsEntry(0, 569_665).containsEntry(1, 6_444).containsEntry(2, 7_945)
        .containsEntry(3, 1_579);
    assertThat(comparison.matchedTollsAboveZero).isEqualTo(84_207);
  }

  @Test
  void dailyExpendituresFromTheFullTollHistoryAreTheSame() throws IOException {
    Expected expected = Expected.load(EXPECTED);
    Comparison comparison = new Comparison(expected);
    TollHistory full = TollHistory.load(DATA.resolve("lr-1x-30min.tolls.dat.gz"));
    try (BufferedReader in = gzipLines(INPUT)) {
      String row;
      while ((row = in.readLine()) != null) {
        if (row.startsWith("3,") && LinearRoadParser.parse(row) instanceof DailyExpenditureQuery q) {
          full.answer(q).ifPresent(comparison);
        }
      }
    }

    assertThat(full.size()).isEqualTo(4_222_317);
    assertThat(comparison.matched).as(comparison.report()).containsExactly(java.util.Map.entry(3, 1_579));
    assertThat(comparison.problemCounts).as(comparison.report()).isEmpty();
    assertThat(expected.expenditures).as("type 3 missing").isEmpty();
  }

  static BufferedReader gzipLines(Path file) throws IOException {
    InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16);
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII), 1 << 16);
  }

  /** The validator's answers, indexed by match key; values are what must be equal. */
  static final class Expected {
    /** Type 0: (VID, Time) → (LAV, Toll). */
    final Map<Long, Long> tolls = new HashMap<>();
    /** Type 1: "Time,XWay,Seg,Dir,VID". */
    final Set<String> alerts = new java.util.HashSet<>();
    /** Types 2 and 5: (Time, QID) → the accepted balances. */
    final Map<Long, long[]> balances = new HashMap<>();
    /** Type 3: "Time,QID,Toll". */
    final Set<String> expenditures = new java.util.HashSet<>();
    final Map<Integer, Integer> count = new TreeMap<>();

    static Expected load(Path file) throws IOException {
      Expected e = new Expected();
      try (BufferedReader in = gzipLines(file)) {
        String row;
        while ((row = in.readLine()) != null) {
          String[] f = row.split(",");
          int type = Integer.parseInt(f[0]);
          e.count.merge(type, 1, Integer::sum);
          switch (type) {
            case 0 -> e.tolls.put(pair(f[1], f[2]), pair(f[4], f[5]));
            case 1 -> e.alerts.add(f[1] + ',' + f[3] + ',' + f[4] + ',' + f[5] + ',' + f[6]);
            case 2, 5 -> e.balances.merge(pair(f[1], f[4]), new long[] {Long.parseLong(f[5])}, (a, b) ->
                new long[] {a[0], b[0]});
            case 3 -> e.expenditures.add(f[1] + ',' + f[3] + ',' + f[4]);
            default -> throw new IllegalStateException("unexpected row " + row);
          }
        }
      }
      return e;
    }
  }

  /** Consumes the engine's answers, striking each off the expected ones; what is left at the end is missing. */
  static final class Comparison implements Consumer<LinearRoadAnswer> {
    private final Expected expected;
    final Map<Integer, Integer> matched = new TreeMap<>();
    final Map<String, List<String>> problems = new TreeMap<>();
    final Map<String, Integer> problemCounts = new TreeMap<>();
    int matchedTollsAboveZero;

    Comparison(Expected expected) {
      this.expected = expected;
    }

    @Override
    public void accept(LinearRoadAnswer answer) {
      if (answer instanceof TollNotification n) {
        Long want = expected.tolls.remove(pair(n.vid(), n.time()));
        long got = pair(n.lav(), n.toll());
        if (want == null) {
          problem("type 0 extra (or duplicate)", n.toCsv());
        } else if (want != got) {
          problem("type 0 wrong LAV/toll", n.toCsv() + "  expected LAV " + (want >> 32) + " toll " + (int) (long) want);
        } else {
          match(0);
          if (n.toll() > 0) {
            matchedTollsAboveZero++;
          }
        }
      } else if (answer instanceof AccidentAlert a) {
        String key = a.time() + "," + a.xway() + ',' + a.seg() + ',' + a.dir() + ',' + a.vid();
        if (expected.alerts.remove(key)) {
          match(1);
        } else {
          problem("type 1 extra (or duplicate)", a.toCsv());
        }
      } else if (answer instanceof AccountBalance b) {
        long[] accepted = expected.balances.remove(pair(b.time(), b.qid()));
        if (accepted == null) {
          problem("type 2 extra (or duplicate)", b.toCsv());
        } else if (accepted[0] != b.balance() && (accepted.length < 2 || accepted[1] != b.balance())) {
          problem("type 2 wrong balance", b.toCsv() + "  accepted " + java.util.Arrays.toString(accepted));
        } else {
          match(2);
        }
      } else if (answer instanceof DailyExpenditure d) {
        if (expected.expenditures.remove(d.time() + "," + d.qid() + ',' + d.toll())) {
          match(3);
        } else {
          problem("type 3 extra or wrong", d.toCsv());
        }
      }
    }

    void finish() {
      expected.tolls.forEach((k, v) -> problem("type 0 missing",
          "VID " + (k >> 32) + " Time " + (int) (long) k + " LAV " + (v >> 32) + " toll " + (int) (long) v));
      expected.alerts.forEach(k -> problem("type 1 missing", "Time,XWay,Seg,Dir,VID " + k));
      expected.balances.forEach((k, v) -> problem("type 2 missing", "Time " + (k >> 32) + " QID " + (int) (long) k));
      expected.expenditures.forEach(k -> problem("type 3 missing", "Time,QID,Toll " + k));
    }

    int differences() {
      return problemCounts.values().stream().mapToInt(Integer::intValue).sum();
    }

    String report() {
      StringBuilder s = new StringBuilder("matched per type " + matched + " (type 0 with toll > 0: "
          + matchedTollsAboveZero + "); differences " + differences());
      problemCounts.forEach((kind, n) -> {
        s.append("\n  ").append(kind).append(": ").append(n);
        problems.get(kind).forEach(example -> s.append("\n    ").append(example));
      });
      return s.toString();
    }

    private void match(int type) {
      matched.merge(type, 1, Integer::sum);
    }

    private void problem(String kind, String example) {
      problemCounts.merge(kind, 1, Integer::sum);
      List<String> examples = problems.computeIfAbsent(kind, k -> new ArrayList<>());
      if (examples.size() < EXAMPLES) {
        examples.add(example);
      }
    }
  }

  private static long pair(String high, String low) {
    return pair(Integer.parseInt(high), Integer.parseInt(low));
  }

  private static long pair(int high, int low) {
    return (long) high << 32 | (low & 0xffffffffL);
  }
}
