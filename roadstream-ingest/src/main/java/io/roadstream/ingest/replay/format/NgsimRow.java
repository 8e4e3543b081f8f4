package io.roadstream.ingest.replay.format;

/**
 * The columns of one NGSIM trajectory row that the reader uses, in the file's units.
 *
 * @param text   the row as read, for a dead letter
 * @param period the row's recording period: Global_Time − 100 × Frame_ID, one value per period of a file
 */
record NgsimRow(int line, String text, int vehicleId, long frame, long period, double globalX, double globalY, double velocity,
    int laneId, int intersectionId, int sectionId, int direction) {

  static final int COLUMNS = 25;

  /**
   * Parses a row of the 25-column format, comma- or whitespace-separated.
   *
   * @throws IllegalArgumentException naming the field when the row cannot be used
   */
  static NgsimRow parse(int line, String text) {
    String[] f = text.contains(",") ? text.split(",", -1) : text.trim().split("\\s+");
    if (f.length < COLUMNS) {
      throw new MalformedRowException(f.length + " fields; an NGSIM trajectory row has " + COLUMNS);
    }
    long frame = integer(f[1], "Frame_ID");
    long globalTime = integer(f[3], "Global_Time");
    double velocity = number(f[11], "v_Vel");
    if (!(velocity >= 0)) {
      throw new IllegalArgumentException("field 'v_Vel': " + f[11] + " is negative");
    }
    return new NgsimRow(line, text, (int) integer(f[0], "Vehicle_ID"), frame, globalTime - 100 * frame,
        number(f[6], "Global_X"), number(f[7], "Global_Y"), velocity, (int) integer(f[13], "Lane_ID"),
        (int) integer(f[16], "Int_ID"), (int) integer(f[17], "Section_ID"), (int) integer(f[18], "Direction"));
  }

  /** Whether the row is a header (its first field is a name, not a vehicle id). */
  static boolean isHeader(String text) {
    return text.startsWith("Vehicle_ID");
  }

  private static double number(String field, String name) {
    try {
      double v = Double.parseDouble(field.trim());
      if (Double.isFinite(v)) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new MalformedRowException("field '" + name + "': '" + field + "' is not a number");
  }

  /** NGSIM redistributions write integer columns as "1.0"; the value must still be whole. */
  private static long integer(String field, String name) {
    double v = number(field, name);
    if (v != Math.rint(v) || Math.abs(v) > Long.MAX_VALUE / 1000) {
      throw new MalformedRowException("field '" + name + "': '" + field + "' is not a whole number");
    }
    return (long) v;
  }

  /** A row that is not in the NGSIM format at all, as opposed to one with an implausible value. */
  static final class MalformedRowException extends IllegalArgumentException {
    MalformedRowException(String message) {
      super(message);
    }
  }
}
