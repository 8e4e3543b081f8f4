package io.roadstream.app.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.List;
import java.util.function.ToLongFunction;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The throughput-vs-latency plot of {@code roadstream bench pipeline}: for each delivery guarantee and destination,
 * p50 (dashed) and p99 (solid) latency against the rate achieved, on a log scale, with the job's sustained rate over
 * input already in Kafka and the Kafka pass-through (the references measured in the same run) marked.
 */
public final class LatencyPlot {

  private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
      new Color(0xd62728)};

  private LatencyPlot() {}

  /**
   * @param jobMaxRate  the job's median sustained events/s over input already in Kafka (10–90 % of it read)
   * @param passThrough the Kafka pass-through's median sustained events/s
   */
  public static void write(Path png, String title, List<LatencyPoint> points, double jobMaxRate,
      double passThrough) throws IOException {
    XYSeriesCollection data = new XYSeriesCollection();
    List<String> guarantees = points.stream().map(LatencyPoint::guarantee).distinct().toList();
    for (String guarantee : guarantees) {
      List<LatencyPoint> mine = points.stream().filter(p -> p.guarantee().equals(guarantee)).toList();
      data.addSeries(series(guarantee + " → Kafka, p99", mine, p -> p.kafka().p99Ms()));
      data.addSeries(series(guarantee + " → Kafka, p50", mine, p -> p.kafka().p50Ms()));
      data.addSeries(series(guarantee + " → PostgreSQL, p99", mine, p -> p.postgres().p99Ms()));
      data.addSeries(series(guarantee + " → PostgreSQL, p50", mine, p -> p.postgres().p50Ms()));
    }
    NumberAxis x = new NumberAxis("events per second in (achieved)");
    x.setAutoRangeIncludesZero(true);
    x.setUpperBound(Math.max(jobMaxRate, points.stream().mapToDouble(LatencyPoint::sentRate).max().orElse(1)) * 1.1);
    LogAxis y = new LogAxis("latency, ms (window closable → visible), log scale");
    long highest = points.stream().mapToLong(p -> Math.max(p.kafka().maxMs(), p.postgres().p99Ms())).max().orElse(1);
    // whole decades, labelled as plain milliseconds
    y.setRange(10, Math.pow(10, Math.max(4, Math.ceil(Math.log10(Math.max(1, highest) * 1.2)))));
    y.setTickUnit(new NumberTickUnit(1));
    y.setMinorTickCount(9);
    y.setMinorTickMarksVisible(true);
    y.setNumberFormatOverride(new DecimalFormat("#,##0"));
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    for (int s = 0; s < data.getSeriesCount(); s++) {
      Color color = COLORS[(s / 2) % COLORS.length];
      renderer.setSeriesPaint(s, color);
      boolean p50 = s % 2 == 1;
      renderer.setSeriesStroke(s, p50
          ? new BasicStroke(1.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 4f}, 0f)
          : new BasicStroke(2.2f));
    }
    XYPlot plot = new XYPlot(data, x, y, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    plot.addDomainMarker(marker(jobMaxRate, String.format("job over backlog, sustained %,.0f/s", jobMaxRate)));
    JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 15), plot, true);
    chart.addSubtitle(new TextTitle(String.format(
        "Kafka pass-through in the same run, sustained: %,.0f events/s", passThrough)));
    chart.setBackgroundPaint(Color.WHITE);
    ChartUtils.saveChartAsPNG(png.toFile(), chart, 1000, 620);
  }

  private static XYSeries series(String name, List<LatencyPoint> points,
      ToLongFunction<LatencyPoint> latency) {
    XYSeries series = new XYSeries(name, true, true);
    for (LatencyPoint p : points) {
      if (p.kafka().windows() > 0) { // a point without a measured window has no latency to show (not 0 ms)
        series.add(p.sentRate(), Math.max(10, latency.applyAsLong(p))); // the axis starts at 10 ms
      }
    }
    return series;
  }

  private static ValueMarker marker(double at, String label) {
    ValueMarker marker = new ValueMarker(at, Color.GRAY, new BasicStroke(1f, BasicStroke.CAP_BUTT,
        BasicStroke.JOIN_MITER, 1f, new float[] {2f, 3f}, 0f));
    marker.setLabel(label);
    marker.setLabelAnchor(RectangleAnchor.TOP_LEFT);
    marker.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
    return marker;
  }
}
