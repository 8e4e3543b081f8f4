package io.roadstream.core.linearroad;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * The toll history type-3 queries are answered from: what each car spent on each expressway on each of the past
 * days, read from rows {@code VID,Day,XWay,Toll} (the generator's tolls file, or the validator's
 * matchTollsOnly subset). Immutable once loaded.
 *
 * <p>Kept as one sorted {@code long[]} with key and toll packed in each element rather than a map: the full history of
 * a one-expressway run has 4.2 M rows, which boxed map entries would need about 0.4 GB for, and this 34 MB.
 */
public final class TollHistory {

  private static final String[] FIELDS = {"VID", "Day", "XWay", "Toll"};
  static final int MAX_DAY = 69;
  static final int MAX_XWAY = 999;
  static final int MAX_TOLL = 0xFFFF;
  static final int MAX_VID = (1 << 26) - 1;

  /** key(vid, day, xway) << 16 | toll, sorted; keys are unique. */
  private final long[] entries;

  private TollHistory(long[] entries) {
    this.entries = entries;
  }

  /** Reads a history file; a name ending in .gz is read through gzip. */
  public static TollHistory load(Path file) {
    try (InputStream raw = Files.newInputStream(file);
         InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
         BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII), 1 << 16)) {
      Builder builder = new Builder();
      String row;
      while ((row = reader.readLine()) != null) {
        if (!row.isEmpty()) {
          int[] f = LinearRoadParser.integers(row, FIELDS);
          builder.add(row, f[0], f[1], f[2], f[3]);
        }
      }
      return builder.build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read toll history " + file, e);
    }
  }

  public static TollHistory of(int[]... vidDayXwayToll) {
    Builder builder = new Builder();
    for (int[] r : vidDayXwayToll) {
      builder.add(Arrays.toString(r), r[0], r[1], r[2], r[3]);
    }
    return builder.build();
  }

  public int size() {
    return entries.length;
  }

  /** What car {@code vid} spent on expressway {@code xway} on day {@code day}, if the history knows it. */
  public Optional<Integer> toll(int vid, int day, int xway) {
    if (vid < 0 || vid > MAX_VID || day < 0 || day > MAX_DAY || xway < 0 || xway > MAX_XWAY) {
      return Optional.empty();
    }
    long probe = key(vid, day, xway) << 16;
    int i = Arrays.binarySearch(entries, probe);
    int at = i >= 0 ? i : -i - 1;
    if (at < entries.length && entries[at] >>> 16 == probe >>> 16) {
      return Optional.of((int) (entries[at] & MAX_TOLL));
    }
    return Optional.empty();
  }

  /**
   * The answer to a daily-expenditure query, or empty when the history has no entry for it — the validator then
   * answers nothing, so neither do we.
   */
  public Optional<DailyExpenditure> answer(DailyExpenditureQuery q) {
    return toll(q.vid(), q.day(), q.xway()).map(t -> new DailyExpenditure(q.time(), q.time(), q.qid(), t));
  }

  private static long key(int vid, int day, int xway) {
    return ((long) vid * (MAX_DAY + 1) + day) * (MAX_XWAY + 1) + xway;
  }

  private static final class Builder {
    private long[] entries = new long[1024];
    private int size;

    void add(String row, int vid, int day, int xway, int toll) {
      check(row, "VID", vid, 0, MAX_VID);
      check(row, "Day", day, 0, MAX_DAY);
      check(row, "XWay", xway, 0, MAX_XWAY);
      check(row, "Toll", toll, 0, MAX_TOLL);
      if (size == entries.length) {
        entries = Arrays.copyOf(entries, size * 2);
      }
      entries[size++] = key(vid, day, xway) << 16 | toll;
    }

    TollHistory build() {
      long[] sorted = Arrays.copyOf(entries, size);
      Arrays.sort(sorted);
      for (int i = 1; i < sorted.length; i++) {
        if (sorted[i] >>> 16 == sorted[i - 1] >>> 16) {
          long k = sorted[i] >>> 16;
          throw new LinearRoadFormatException("toll history: more than one row for VID " + k / (MAX_XWAY + 1)
              / (MAX_DAY + 1) + ", Day " + k / (MAX_XWAY + 1) % (MAX_DAY + 1) + ", XWay " + k % (MAX_XWAY + 1));
        }
      }
      return new TollHistory(sorted);
    }

    private static void check(String row, String field, int value, int min, int max) {
      if (value < min || value > max) {
        throw new LinearRoadFormatException("toll history row '" + row + "': " + field + " " + value
            + " is out of range " + min + ".." + max);
      }
    }
  }
}
