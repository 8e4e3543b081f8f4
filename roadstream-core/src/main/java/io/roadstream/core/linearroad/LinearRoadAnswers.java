package io.roadstream.core.linearroad;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * Compares a Linear Road system's answers with the public validator's expected output
 * (shared/data/linear-road/SOURCE.md) on the benchmark's match keys: type 0 on (VID, Time) with LAV and toll equal,
 * type 1 on (Time, XWay, Seg, Dir, VID), types 2/5 on (Time, QID) with either accepted balance, type 3 on
 * (Time, QID, Toll). Emit times are not compared. Feed every answer to {@link #accept}, then call {@link #finish}:
 * what was never matched is missing, what did not match is extra or wrong. Not thread-safe.
 */
public final class LinearRoadAnswers {

  private static final int EXAMPLES = 5;

  /** Type 0: (VID, Time) → (LAV, Toll). */
  private final Map<Long, Long> tolls = new HashMap<>();
  /** Type 1: "Time,XWay,Seg,Dir,VID". */
  private final Set<String> alerts = new HashSet<>();
  /** Types 2 and 5: (Time, QID) → the accepted balances. */
  private final Map<Long, long[]> balances = new HashMap<>();
  /** Type 3: "Time,QID,Toll". */
  private final Set<String> expenditures = new HashSet<>();
  private final Map<Integer, Integer> expectedCounts = new TreeMap<>();

  private final Map<Integer, Integer> matched = new TreeMap<>();
  private final Map<String, List<String>> problems = new TreeMap<>();
  private final Map<String, Integer> problemCounts = new TreeMap<>();
  private int matchedTollsAboveZero;
  private boolean finished;

  private LinearRoadAnswers() {}

  /** The expected answers of a validator output file (gzip if its name ends in .gz). */
  public static LinearRoadAnswers expected(Path file) {
    LinearRoadAnswers e = new LinearRoadAnswers();
    try (BufferedReader in = lines(file)) {
      String row;
      while ((row = in.readLine()) != null) {
        String[] f = row.split(",");
        int type = Integer.parseInt(f[0]);
        e.expectedCounts.merge(type, 1, Integer::sum);
        switch (type) {
          case 0 -> e.tolls.put(pair(f[1], f[2]), pair(f[4], f[5]));
          case 1 -> e.alerts.add(f[1] + ',' + f[3] + ',' + f[4] + ',' + f[5] + ',' + f[6]);
          case 2, 5 -> e.balances.merge(pair(f[1], f[4]), new long[] {Long.parseLong(f[5])},
              (a, b) -> new long[] {a[0], b[0]});
          case 3 -> e.expenditures.add(f[1] + ',' + f[3] + ',' + f[4]);
          default -> throw new IllegalStateException(file + ": unexpected row " + row);
        }
      }
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot read " + file, ex);
    }
    return e;
  }

  /** Lines of a text file, through gzip if its name ends in .gz. */
  public static BufferedReader lines(Path file) throws IOException {
    InputStream in = Files.newInputStream(file);
    if (file.toString().endsWith(".gz")) {
      in = new GZIPInputStream(in, 1 << 16);
    }
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII), 1 << 16);
  }

  /** Rows of each type in the expected file (types 2 and 5 counted apart). */
  public Map<Integer, Integer> expectedCounts() {
    return expectedCounts;
  }

  public void accept(LinearRoadAnswer answer) {
    accept(answer.toCsv());
  }

  /** One answer as a row of the expected-output format. */
  public void accept(String row) {
    String[] f = row.split(",");
    switch (f[0]) {
      case "0" -> {
        Long want = tolls.remove(pair(f[1], f[2]));
        long got = pair(f[4], f[5]);
        if (want == null) {
          problem("type 0 extra (or duplicate)", row);
        } else if (want != got) {
          problem("type 0 wrong LAV/toll", row + "  expected LAV " + (want >> 32) + " toll " + (int) (long) want);
        } else {
          match(0);
          if (Integer.parseInt(f[5]) > 0) {
            matchedTollsAboveZero++;
          }
        }
      }
      case "1" -> {
        if (alerts.remove(f[1] + ',' + f[3] + ',' + f[4] + ',' + f[5] + ',' + f[6])) {
          match(1);
        } else {
          problem("type 1 extra (or duplicate)", row);
        }
      }
      case "2" -> {
        long[] accepted = balances.remove(pair(f[1], f[4]));
        long balance = Long.parseLong(f[5]);
        if (accepted == null) {
          problem("type 2 extra (or duplicate)", row);
        } else if (accepted[0] != balance && (accepted.length < 2 || accepted[1] != balance)) {
          problem("type 2 wrong balance", row + "  accepted " + Arrays.toString(accepted));
        } else {
          match(2);
        }
      }
      case "3" -> {
        if (expenditures.remove(f[1] + ',' + f[3] + ',' + f[4])) {
          match(3);
        } else {
          problem("type 3 extra or wrong", row);
        }
      }
      default -> problem("not an answer row", row);
    }
  }

  /** Counts every expected answer not matched as missing; call once, after the last answer. */
  public void finish() {
    if (finished) {
      return;
    }
    finished = true;
    tolls.forEach((k, v) -> problem("type 0 missing",
        "VID " + (k >> 32) + " Time " + (int) (long) k + " LAV " + (v >> 32) + " toll " + (int) (long) v));
    alerts.forEach(k -> problem("type 1 missing", "Time,XWay,Seg,Dir,VID " + k));
    balances.forEach((k, v) -> problem("type 2 missing", "Time " + (k >> 32) + " QID " + (int) (long) k));
    expenditures.forEach(k -> problem("type 3 missing", "Time,QID,Toll " + k));
  }

  /** Answers matched per type (2 for a balance matching its type 2 or type 5 row). */
  public Map<Integer, Integer> matched() {
    return matched;
  }

  public int matchedTollsAboveZero() {
    return matchedTollsAboveZero;
  }

  /** Extra, wrong and (after {@link #finish}) missing answers, per kind. */
  public Map<String, Integer> problemCounts() {
    return problemCounts;
  }

  public int differences() {
    return problemCounts.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** Matches and differences with a few examples of each kind: a failure message. */
  public String report() {
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

  private static long pair(String high, String low) {
    return (long) Integer.parseInt(high) << 32 | (Integer.parseInt(low) & 0xffffffffL);
  }
}
