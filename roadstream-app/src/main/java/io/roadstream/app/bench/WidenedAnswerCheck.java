package io.roadstream.app.bench;

import io.roadstream.core.linearroad.LinearRoadAnswers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares the answers of a widened run with the validator's expected answers, copy by copy, on the match keys of
 * shared/data/linear-road/SOURCE.md (as core's {@link LinearRoadAnswers} does for one expressway): type 0 on
 * (VID, Time) with LAV and toll equal, type 1 on (Time, XWay, Seg, Dir, VID), types 2/5 on (Time, QID) with either
 * accepted balance, type 3 on (Time, QID, Toll). Each answer is mapped back to its copy and original ids through the
 * {@link ExpresswayWidening}; every expected answer must come once from every copy.
 *
 * <p>The expected answers are held once, as sorted primitive keys, with one bit per (answer, copy): 64 copies of the
 * 30-minute file take about 14 MB, where one {@link LinearRoadAnswers} per copy would take gigabytes. Not
 * thread-safe: one reader feeds it.
 */
public final class WidenedAnswerCheck {

  private static final int EXAMPLES = 5;

  private final ExpresswayWidening widening;
  private final int copies;
  private final Keyed tolls;        // (VID, Time) → LAV << 32 | toll
  private final Keyed alerts;       // packed (Time, XWay, Seg, Dir, VID)
  private final Keyed balances;     // (Time, QID) → accepted balances
  private final Keyed expenditures; // (Time, QID) → toll
  private final int[] row = new int[8];
  private final Map<String, Long> problemCounts = new TreeMap<>();
  private final Map<String, List<String>> examples = new TreeMap<>();
  private final long[] matched = new long[4];
  private boolean finished;

  private WidenedAnswerCheck(ExpresswayWidening widening, Keyed tolls, Keyed alerts, Keyed balances,
      Keyed expenditures) {
    this.widening = widening;
    this.copies = widening.copies();
    this.tolls = tolls;
    this.alerts = alerts;
    this.balances = balances;
    this.expenditures = expenditures;
  }

  /** The expected answers in {@code file} whose Time is below {@code seconds}, for every copy of {@code widening}. */
  public static WidenedAnswerCheck load(Path file, int seconds, ExpresswayWidening widening) {
    Map<Long, long[]> tolls = new HashMap<>();
    Map<Long, long[]> alerts = new HashMap<>();
    Map<Long, long[]> balances = new HashMap<>();
    Map<Long, long[]> expenditures = new HashMap<>();
    try (BufferedReader in = LinearRoadAnswers.lines(file)) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split(",");
        long[] v = new long[f.length];
        for (int i = 0; i < f.length; i++) {
          v[i] = Long.parseLong(f[i].trim());
        }
        int type = (int) v[0];
        long time = type == 0 ? v[2] : v[1];
        if (time >= seconds) {
          continue;
        }
        switch (type) {
          case 0 -> tolls.put(pair(v[1], v[2]), new long[] {pair(v[4], v[5])});
          case 1 -> alerts.put(alertKey(v[1], v[3], v[4], v[5], v[6]), new long[0]);
          case 2, 5 -> balances.merge(pair(v[1], v[4]), new long[] {v[5]}, (a, b) -> new long[] {a[0], b[0]});
          case 3 -> expenditures.put(pair(v[1], v[3]), new long[] {v[4]});
          default -> throw new IllegalArgumentException(file + ": '" + line + "' is not an expected answer");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
      throw new IllegalArgumentException(file + " is not a Linear Road validator output: " + e.getMessage(), e);
    }
    int n = widening.copies();
    return new WidenedAnswerCheck(widening, Keyed.of(tolls, n), Keyed.of(alerts, n), Keyed.of(balances, n),
        Keyed.of(expenditures, n));
  }

  /**
   * Checks one answer row (the job's CSV, as bytes).
   *
   * @return what triggered it, {@code copy << 32 | Time}, for its latency; -1 if the row names no copy and second
   */
  public long accept(byte[] answer) {
    int fields = parse(answer);
    if (fields < 5) {
      problem("not an answer row", answer);
      return -1;
    }
    switch (row[0]) {
      case 0 -> {
        int copy = fields == 6 ? widening.copyOfVid(row[1]) : -1;
        if (copy < 0) {
          problem("type 0 of no expressway copy", answer);
          return -1;
        }
        int i = tolls.find(pair(row[1] - copy * (long) widening.vidStride(), row[2]));
        if (i < 0) {
          problem("type 0 extra", answer);
        } else if (!tolls.see(i, copy)) {
          problem("type 0 duplicate", answer);
        } else if (tolls.value(i, 0) != pair(row[4], row[5])) {
          long want = tolls.value(i, 0);
          problem("type 0 wrong LAV/toll", answer, "expected LAV " + (want >> 32) + " toll " + (int) want);
        } else {
          matched[0]++;
        }
        return (long) copy << 32 | row[2];
      }
      case 1 -> {
        int copy = fields == 7 ? widening.copyOfVid(row[6]) : -1;
        if (copy < 0) {
          problem("type 1 of no expressway copy", answer);
          return -1;
        }
        long xway = row[3] - (long) copy * widening.xwaysPerCopy();
        int i = xway < 0 || xway >= widening.xwaysPerCopy() ? -1
            : alerts.find(alertKey(row[1], xway, row[4], row[5], row[6] - (long) copy * widening.vidStride()));
        if (i < 0) {
          problem("type 1 extra", answer);
        } else if (!alerts.see(i, copy)) {
          problem("type 1 duplicate", answer);
        } else {
          matched[1]++;
        }
        return (long) copy << 32 | row[1];
      }
      case 2 -> {
        int copy = fields == 6 ? widening.copyOfQid(row[4]) : -1;
        if (copy < 0) {
          problem("type 2 of no expressway copy", answer);
          return -1;
        }
        int i = balances.find(pair(row[1], row[4] - (long) copy * widening.qidStride()));
        if (i < 0) {
          problem("type 2 extra", answer);
        } else if (!balances.see(i, copy)) {
          problem("type 2 duplicate", answer);
        } else if (!balances.hasValue(i, row[5])) {
          problem("type 2 wrong balance", answer, "accepted " + Arrays.toString(balances.values(i)));
        } else {
          matched[2]++;
        }
        return (long) copy << 32 | row[1];
      }
      case 3 -> {
        int copy = fields == 5 ? widening.copyOfQid(row[3]) : -1;
        if (copy < 0) {
          problem("type 3 of no expressway copy", answer);
          return -1;
        }
        int i = expenditures.find(pair(row[1], row[3] - (long) copy * widening.qidStride()));
        if (i < 0) {
          problem("type 3 extra", answer);
        } else if (!expenditures.see(i, copy)) {
          problem("type 3 duplicate", answer);
        } else if (expenditures.value(i, 0) != row[4]) {
          problem("type 3 wrong toll", answer, "expected " + expenditures.value(i, 0));
        } else {
          matched[3]++;
        }
        return (long) copy << 32 | row[1];
      }
      default -> {
        problem("not an answer row", answer);
        return -1;
      }
    }
  }

  /** Counts each expected answer some copy never gave as missing; call once, after the last answer. */
  public void finish() {
    if (finished) {
      return;
    }
    finished = true;
    missing("type 0 missing", tolls, k -> "VID " + (k >> 32) + " Time " + (int) k);
    missing("type 1 missing", alerts, k -> "Time " + (k >>> 44) + " Seg " + (k >>> 27 & 0x7f) + " Dir "
        + (k >>> 26 & 1) + " VID " + (k & ((1 << 26) - 1)));
    missing("type 2 missing", balances, k -> "Time " + (k >> 32) + " QID " + (int) k);
    missing("type 3 missing", expenditures, k -> "Time " + (k >> 32) + " QID " + (int) k);
  }

  /** Answers expected over all copies (a balance counted once, whichever of its types 2 and 5 it matches). */
  public long expected() {
    return (long) copies * (tolls.size() + alerts.size() + balances.size() + expenditures.size());
  }

  /** Answers expected from one copy, per type. */
  public Map<Integer, Integer> expectedPerCopy() {
    return Map.of(0, tolls.size(), 1, alerts.size(), 2, balances.size(), 3, expenditures.size());
  }

  public long matched() {
    return matched[0] + matched[1] + matched[2] + matched[3];
  }

  /** Extra, duplicate, wrong and (after {@link #finish}) missing answers. */
  public long differences() {
    return problemCounts.values().stream().mapToLong(Long::longValue).sum();
  }

  public Map<String, Long> problemCounts() {
    return problemCounts;
  }

  /** The differences per kind, a few examples each (widened ids as the job wrote them). */
  public String report() {
    StringBuilder s = new StringBuilder("matched " + matched() + " of " + expected() + " (per type "
        + Arrays.toString(matched) + "), differences " + differences());
    problemCounts.forEach((kind, n) -> {
      s.append("\n  ").append(kind).append(": ").append(n);
      examples.get(kind).forEach(e -> s.append("\n    ").append(e));
    });
    return s.toString();
  }

  /** Fills {@link #row} with the answer's integers; the number of fields, or -1 if it is not integers. */
  private int parse(byte[] answer) {
    int field = 0;
    long value = 0;
    boolean negative = false;
    int digits = 0;
    for (int i = 0; i <= answer.length; i++) {
      byte b = i == answer.length ? (byte) ',' : answer[i];
      if (b == ',') {
        if (digits == 0 || field == row.length || value > Integer.MAX_VALUE) {
          return -1;
        }
        row[field++] = (int) (negative ? -value : value);
        value = 0;
        digits = 0;
        negative = false;
      } else if (b == '-' && digits == 0 && !negative) {
        negative = true;
      } else if (b >= '0' && b <= '9' && digits < 11) {
        value = value * 10 + (b - '0');
        digits++;
      } else {
        return -1;
      }
    }
    return field;
  }

  private void missing(String kind, Keyed expected, java.util.function.LongFunction<String> describe) {
    for (int i = 0; i < expected.size(); i++) {
      for (int copy = 0; copy < copies; copy++) {
        if (!expected.seen(i, copy)) {
          problem(kind, "copy " + copy + ": " + describe.apply(expected.key(i)));
        }
      }
    }
  }

  private void problem(String kind, byte[] answer) {
    problem(kind, answer, null);
  }

  private void problem(String kind, byte[] answer, String note) {
    String text = new String(answer, java.nio.charset.StandardCharsets.US_ASCII);
    problem(kind, note == null ? text : text + "  " + note);
  }

  private void problem(String kind, String example) {
    problemCounts.merge(kind, 1L, Long::sum);
    List<String> list = examples.computeIfAbsent(kind, k -> new ArrayList<>());
    if (list.size() < EXAMPLES) {
      list.add(example);
    }
  }

  static long pair(long high, long low) {
    return high << 32 | (low & 0xffffffffL);
  }

  /** Time (19 bits), XWay (10), Seg (7), Dir (1), VID (26). */
  static long alertKey(long time, long xway, long seg, long dir, long vid) {
    if (time < 0 || time >= 1 << 19 || xway < 0 || xway >= 1 << 10 || seg < 0 || seg >= 1 << 7 || dir < 0 || dir > 1
        || vid < 0 || vid >= 1 << 26) {
      return -1; // outside what an answer of the benchmark can hold: never expected
    }
    return time << 44 | xway << 34 | seg << 27 | dir << 26 | vid;
  }

  /** Sorted keys with their values, and a bit per (key, copy) for the answers seen. */
  private static final class Keyed {
    private final long[] keys;
    private final long[][] values;
    private final BitSet seen;
    private final int copies;

    private Keyed(long[] keys, long[][] values, int copies) {
      this.keys = keys;
      this.values = values;
      this.copies = copies;
      this.seen = new BitSet(keys.length * copies);
    }

    static Keyed of(Map<Long, long[]> map, int copies) {
      long[] keys = map.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
      long[][] values = new long[keys.length][];
      for (int i = 0; i < keys.length; i++) {
        values[i] = map.get(keys[i]);
      }
      return new Keyed(keys, values, copies);
    }

    int size() {
      return keys.length;
    }

    int find(long key) {
      int i = key < 0 ? -1 : Arrays.binarySearch(keys, key);
      return i < 0 ? -1 : i;
    }

    long key(int i) {
      return keys[i];
    }

    long value(int i, int which) {
      return values[i][which];
    }

    long[] values(int i) {
      return values[i];
    }

    boolean hasValue(int i, long v) {
      for (long accepted : values[i]) {
        if (accepted == v) {
          return true;
        }
      }
      return false;
    }

    /** Marks (i, copy) seen; false if it already was. */
    boolean see(int i, int copy) {
      int bit = i * copies + copy;
      if (seen.get(bit)) {
        return false;
      }
      seen.set(bit);
      return true;
    }

    boolean seen(int i, int copy) {
      return seen.get(i * copies + copy);
    }
  }
}
