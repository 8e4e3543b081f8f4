package io.roadstream.app.bench;

import io.roadstream.core.linearroad.LinearRoadAnswers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A Linear Road input file held in memory as the benchmark's feeder needs it: the rows of its first {@code minutes},
 * their 15 integer fields each, grouped by simulation second. Flat {@code int} arrays rather than a row object each:
 * the feeder rewrites every row once per expressway copy, at a rate where allocation shows, and 1.57 M rows take
 * 94 MB this way.
 */
public final class LinearRoadRows {

  public static final int FIELDS = 15;
  public static final int TYPE = 0, TIME = 1, VID = 2, XWAY = 4, QID = 9;

  private final int[] fields;
  /** firstRow[s] .. firstRow[s + 1] - 1 are the rows of second s. */
  private final int[] firstRow;
  private final int maxVid;
  private final int maxQid;
  private final int xways;

  private LinearRoadRows(int[] fields, int[] firstRow, int maxVid, int maxQid, int xways) {
    this.fields = fields;
    this.firstRow = firstRow;
    this.maxVid = maxVid;
    this.maxQid = maxQid;
    this.xways = xways;
  }

  /**
   * The rows of {@code file} (.dat or .dat.gz) whose Time is below {@code minutes}·60.
   *
   * @throws IllegalArgumentException for a row that is not 15 integers, or rows out of time order: the benchmark
   *     input is time-ordered, and the feeder's pacing relies on it
   */
  public static LinearRoadRows load(Path file, int minutes) {
    if (minutes < 1) {
      throw new IllegalArgumentException("minutes must be at least 1, was " + minutes);
    }
    int seconds = minutes * 60;
    int[] f = new int[1 << 20];
    int[] perSecond = new int[seconds];
    int rows = 0;
    int maxVid = 0;
    int maxQid = -1;
    int maxXway = 0;
    int lastTime = 0;
    try (BufferedReader in = LinearRoadAnswers.lines(file)) {
      String line;
      long lineNo = 0;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        if ((rows + 1) * FIELDS > f.length) {
          f = Arrays.copyOf(f, f.length * 2);
        }
        parse(line, f, rows * FIELDS, file, lineNo);
        int time = f[rows * FIELDS + TIME];
        if (time < lastTime) {
          throw new IllegalArgumentException(file + " line " + lineNo + ": Time " + time + " after " + lastTime
              + "; a Linear Road input is in time order");
        }
        lastTime = time;
        if (time >= seconds) {
          break;
        }
        perSecond[time]++;
        maxVid = Math.max(maxVid, f[rows * FIELDS + VID]);
        maxQid = Math.max(maxQid, f[rows * FIELDS + QID]);
        if (f[rows * FIELDS + TYPE] == 0) {
          maxXway = Math.max(maxXway, f[rows * FIELDS + XWAY]);
        }
        rows++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    if (rows == 0) {
      throw new IllegalArgumentException(file + " holds no rows in its first " + minutes + " minutes");
    }
    int[] firstRow = new int[seconds + 1];
    for (int s = 0; s < seconds; s++) {
      firstRow[s + 1] = firstRow[s] + perSecond[s];
    }
    return new LinearRoadRows(Arrays.copyOf(f, rows * FIELDS), firstRow, maxVid, maxQid, maxXway + 1);
  }

  private static void parse(String line, int[] into, int at, Path file, long lineNo) {
    int field = 0;
    int i = 0;
    int n = line.length();
    while (field < FIELDS) {
      boolean negative = i < n && line.charAt(i) == '-';
      if (negative) {
        i++;
      }
      int start = i;
      long value = 0;
      while (i < n && line.charAt(i) != ',') {
        char c = line.charAt(i++);
        if (c < '0' || c > '9' || i - start > 10) {
          throw new IllegalArgumentException(file + " line " + lineNo + ": '" + line + "' is not 15 integers");
        }
        value = value * 10 + (c - '0');
      }
      if (i == start || value > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(file + " line " + lineNo + ": '" + line + "' is not 15 integers");
      }
      into[at + field++] = (int) (negative ? -value : value);
      if (i < n) {
        i++; // the comma
      } else {
        break;
      }
    }
    if (field != FIELDS || i < n) {
      throw new IllegalArgumentException(file + " line " + lineNo + ": '" + line + "' is not 15 integers");
    }
  }

  public int rows() {
    return fields.length / FIELDS;
  }

  /** Simulation seconds covered: the cut, whether or not its last seconds hold rows. */
  public int seconds() {
    return firstRow.length - 1;
  }

  public int firstRowOf(int second) {
    return firstRow[second];
  }

  public int endRowOf(int second) {
    return firstRow[second + 1];
  }

  public int field(int row, int field) {
    return fields[row * FIELDS + field];
  }

  /** The flat field array; row r's fields are at r·15 .. r·15 + 14. Not to be changed. */
  int[] fields() {
    return fields;
  }

  public int maxVid() {
    return maxVid;
  }

  /** The highest query id, -1 if there are no queries. */
  public int maxQid() {
    return maxQid;
  }

  /** Expressways in the input: its highest position-report XWay + 1. */
  public int xways() {
    return xways;
  }

  /** Rows in simulated minute {@code minute} (seconds 60·minute .. 60·minute + 59). */
  public int rowsInMinute(int minute) {
    int from = Math.min(minute * 60, seconds());
    int to = Math.min(minute * 60 + 60, seconds());
    return firstRow[to] - firstRow[from];
  }

  /** The minute with the most rows: where the input's rate peaks. */
  public int busiestMinute() {
    int best = 0;
    for (int m = 1; m * 60 < seconds(); m++) {
      if (rowsInMinute(m) > rowsInMinute(best)) {
        best = m;
      }
    }
    return best;
  }
}
