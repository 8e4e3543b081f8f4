package io.roadstream.app.bench;

/**
 * How the benchmark widens a Linear Road input of {@code xwaysPerCopy} expressways to {@code copies} independent
 * copies of it: copy c's rows have XWay + c·xwaysPerCopy, VID + c·vidStride and (queries) QID + c·qidStride, so no car,
 * query or expressway of one copy is another's. The strides are powers of ten above the input's largest VID and QID, so
 * a widened id reads as copy and original (VID 1200345 = copy 12, VID 345 with a stride of 100,000). The expected
 * answers, the toll history and every answer row map through the same offsets, which keeps the comparison exact.
 */
public record ExpresswayWidening(int copies, int xwaysPerCopy, int vidStride, int qidStride) {

  /** The toll history (and so every VID) is limited to 26 bits: see core's TollHistory. */
  static final int MAX_VID = (1 << 26) - 1;
  static final int MAX_XWAY = 999;

  public ExpresswayWidening {
    if (copies < 1) {
      throw new IllegalArgumentException("expressways must be at least 1, was " + copies);
    }
    if ((long) copies * vidStride - 1 > MAX_VID) {
      throw new IllegalArgumentException(copies + " copies of an input with VIDs up to " + (vidStride - 1)
          + " need VIDs beyond " + MAX_VID + ", the largest the toll history holds");
    }
    if ((long) copies * xwaysPerCopy - 1 > MAX_XWAY) {
      throw new IllegalArgumentException(copies * (long) xwaysPerCopy + " expressways: the toll history holds XWay "
          + "0.." + MAX_XWAY);
    }
    if ((long) copies * qidStride - 1 > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(copies + " copies overflow the query ids");
    }
  }

  /** The widening of {@code rows} to {@code copies} copies. */
  public static ExpresswayWidening of(LinearRoadRows rows, int copies) {
    return new ExpresswayWidening(copies, rows.xways(), strideAbove(rows.maxVid()), strideAbove(rows.maxQid()));
  }

  /** The smallest power of ten above {@code max} (10 for anything below 10). */
  static int strideAbove(int max) {
    long stride = 10;
    while (stride <= max) {
      stride *= 10;
    }
    if (stride > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("ids up to " + max + " leave no room to widen");
    }
    return (int) stride;
  }

  public int vid(int vid, int copy) {
    return vid + copy * vidStride;
  }

  public int qid(int qid, int copy) {
    return qid < 0 ? qid : qid + copy * qidStride;
  }

  public int xway(int xway, int copy) {
    return xway < 0 ? xway : xway + copy * xwaysPerCopy;
  }

  /** The copy a widened VID belongs to, -1 if none of them. */
  public int copyOfVid(int widenedVid) {
    int copy = widenedVid < 0 ? -1 : widenedVid / vidStride;
    return copy < copies ? copy : -1;
  }

  /** The copy a widened QID belongs to, -1 if none of them. */
  public int copyOfQid(int widenedQid) {
    int copy = widenedQid < 0 ? -1 : widenedQid / qidStride;
    return copy < copies ? copy : -1;
  }

  /**
   * Row {@code row} of {@code rows} as copy {@code copy} has it, as the CSV line the job reads, into {@code out}.
   *
   * @return the number of bytes written (at most 15·12)
   */
  public int write(LinearRoadRows rows, int row, int copy, byte[] out) {
    int[] f = rows.fields();
    int at = row * LinearRoadRows.FIELDS;
    int n = 0;
    for (int i = 0; i < LinearRoadRows.FIELDS; i++) {
      int v = f[at + i];
      switch (i) {
        case LinearRoadRows.VID -> v = vid(v, copy);
        case LinearRoadRows.XWAY -> v = xway(v, copy);
        case LinearRoadRows.QID -> v = qid(v, copy);
        default -> { }
      }
      if (i > 0) {
        out[n++] = ',';
      }
      n = writeInt(v, out, n);
    }
    return n;
  }

  /** One toll-history row (VID,Day,XWay,Toll) as copy {@code copy} has it. */
  public String tollHistoryRow(int vid, int day, int xway, int toll, int copy) {
    return vid(vid, copy) + "," + day + "," + xway(xway, copy) + "," + toll;
  }

  static int writeInt(int v, byte[] out, int at) {
    if (v < 0) {
      out[at++] = '-';
      v = -v; // Linear Road fields are far from Integer.MIN_VALUE
    }
    int digits = 1;
    for (int t = v; t >= 10; t /= 10) {
      digits++;
    }
    for (int i = at + digits - 1; i >= at; i--) {
      out[i] = (byte) ('0' + v % 10);
      v /= 10;
    }
    return at + digits;
  }
}
