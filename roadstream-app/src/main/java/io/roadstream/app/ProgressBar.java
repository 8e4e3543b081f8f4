package io.roadstream.app;

import io.roadstream.ingest.connect.ConnectorMetrics;
import io.roadstream.ingest.replay.ReplayConnector;
import java.io.PrintStream;
import java.time.Instant;

/**
 * A replay's progress on the terminal: a bar redrawn in place on a console, a line every ten seconds in a log.
 */
final class ProgressBar {

  private static final int WIDTH = 30;
  private static final long LOG_EVERY_NANOS = 10_000_000_000L;

  private final PrintStream out;
  private final boolean quiet;
  private final boolean console = System.console() != null;
  private final long started = System.nanoTime();
  private long lastLine;
  private boolean drawn;

  ProgressBar(PrintStream out, boolean quiet) {
    this.out = out;
    this.quiet = quiet;
  }

  void show(ReplayConnector.Progress p, ConnectorMetrics metrics) {
    if (quiet) {
      return;
    }
    long now = System.nanoTime();
    if (!console && now - lastLine < LOG_EVERY_NANOS && !p.done()) {
      return;
    }
    lastLine = now;
    double fraction = p.fileFraction();
    String bar = fraction < 0 ? "" : "[" + "#".repeat((int) (fraction * WIDTH))
        + ".".repeat(WIDTH - (int) (fraction * WIDTH)) + String.format("] %3.0f%% ", fraction * 100);
    double seconds = Math.max(1e-3, (now - started) / 1e9);
    String eventTime = p.eventTime() == Long.MIN_VALUE ? "" : " · at " + Instant.ofEpochMilli(p.eventTime());
    String line = String.format("%sfile %d/%d · %,d records · %,d produced · %,d rejected · %,.0f/s%s", bar, p.file(),
        p.files(), p.records(), metrics.produced(), metrics.rejectedTotal(), p.records() / seconds, eventTime);
    if (console) {
      out.print("\r" + line + "   ");
      drawn = true;
    } else {
      out.println(line);
    }
    out.flush();
  }

  void end() {
    if (drawn) {
      out.println();
    }
  }
}
