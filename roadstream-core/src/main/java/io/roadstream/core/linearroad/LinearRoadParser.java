package io.roadstream.core.linearroad;

/**
 * Reads rows of the Linear Road input file: 15 comma-separated integers,
 * {@code Type,Time,VID,Spd,XWay,Lane,Dir,Seg,Pos,QID,Sinit,Send,DOW,TOD,Day}, no header. Fields a row type does not
 * use are ignored. A row that is not well formed, or whose values are out of the benchmark's ranges, raises a
 * {@link LinearRoadFormatException} naming the row and the field.
 *
 * <p>Hand-rolled rather than {@code String.split}: it runs once per input row, and the benchmark is about rate.
 */
public final class LinearRoadParser {

  static final String[] FIELDS = {
      "Type", "Time", "VID", "Spd", "XWay", "Lane", "Dir", "Seg", "Pos", "QID", "Sinit", "Send", "DOW", "TOD", "Day"};

  private static final int TYPE = 0, TIME = 1, VID = 2, SPD = 3, XWAY = 4, LANE = 5, DIR = 6, SEG = 7, POS = 8,
      QID = 9, DAY = 14;

  private LinearRoadParser() {}

  public static LinearRoadInput parse(String row) {
    int[] f = integers(row, FIELDS);
    require(row, TIME, f[TIME], 0, Integer.MAX_VALUE);
    require(row, VID, f[VID], 0, Integer.MAX_VALUE);
    return switch (f[TYPE]) {
      case 0 -> {
        require(row, SPD, f[SPD], 0, 100);
        require(row, XWAY, f[XWAY], 0, Integer.MAX_VALUE);
        require(row, LANE, f[LANE], 0, 4);
        require(row, DIR, f[DIR], 0, 1);
        require(row, SEG, f[SEG], 0, 99);
        require(row, POS, f[POS], 0, 527_999);
        yield new PositionReport(f[TIME], f[VID], f[SPD], f[XWAY], f[LANE], f[DIR], f[SEG], f[POS]);
      }
      case 2 -> {
        require(row, QID, f[QID], 0, Integer.MAX_VALUE);
        yield new AccountBalanceQuery(f[TIME], f[VID], f[QID]);
      }
      case 3 -> {
        require(row, QID, f[QID], 0, Integer.MAX_VALUE);
        require(row, XWAY, f[XWAY], 0, Integer.MAX_VALUE);
        require(row, DAY, f[DAY], 1, 69);
        yield new DailyExpenditureQuery(f[TIME], f[VID], f[XWAY], f[QID], f[DAY]);
      }
      default -> throw new LinearRoadFormatException(
          "row '" + row + "': Type " + f[TYPE] + " is not one of 0 (position), 2 (balance), 3 (daily expenditure)");
    };
  }

  /** The comma-separated integers of {@code row}, exactly {@code names.length} of them. */
  static int[] integers(String row, String[] names) {
    int[] values = new int[names.length];
    int field = 0;
    int i = 0;
    int n = row.length();
    while (true) {
      if (field == names.length) {
        throw new LinearRoadFormatException("row '" + row + "': more than " + names.length + " fields, expected "
            + String.join(",", names));
      }
      int start = i;
      boolean negative = i < n && row.charAt(i) == '-';
      if (negative) {
        i++;
      }
      long value = 0;
      int digits = 0;
      while (i < n && row.charAt(i) != ',') {
        char c = row.charAt(i);
        if (c < '0' || c > '9' || digits >= 10) {
          throw notInteger(row, names[field], start);
        }
        value = value * 10 + (c - '0');
        digits++;
        i++;
      }
      value = negative ? -value : value;
      if (digits == 0 || value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
        throw notInteger(row, names[field], start);
      }
      values[field++] = (int) value;
      if (i == n) {
        break;
      }
      i++; // the comma
    }
    if (field != names.length) {
      throw new LinearRoadFormatException("row '" + row + "': " + field + " fields, expected " + names.length + " ("
          + String.join(",", names) + ")");
    }
    return values;
  }

  private static LinearRoadFormatException notInteger(String row, String name, int start) {
    int end = row.indexOf(',', start);
    String text = row.substring(start, end < 0 ? row.length() : end);
    return new LinearRoadFormatException("row '" + row + "': " + name + " '" + text + "' is not an integer");
  }

  private static void require(String row, int field, int value, int min, int max) {
    if (value < min || value > max) {
      String range = max == Integer.MAX_VALUE ? ">= " + min : min + ".." + max;
      throw new LinearRoadFormatException("row '" + row + "': " + FIELDS[field] + " " + value + " is out of range "
          + range);
    }
  }
}
