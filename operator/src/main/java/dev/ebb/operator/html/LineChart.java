package dev.ebb.operator.html;

import java.util.List;
import java.util.Locale;

/**
 * An inline SVG line chart: one or more lines of equally spaced samples across the plot, y from 0 to the highest
 * sample. A NaN sample is no sample: the line has a gap there. No script, no CSS file. Used by the simulator's report
 * and by the dashboard.
 */
public final class LineChart {

  public static final List<String> COLORS = List.of("#1f77b4", "#d62728", "#ff7f0e", "#2ca02c", "#7f7f7f",
      "#9467bd");
  static final int LEFT = 60;
  static final int TOP = 20;
  static final int BOTTOM = 24;

  /** One line: its legend, its colour and its samples. */
  public record Line(String name, String color, double[] values) {
  }

  /** A label under the x axis at {@code at}, from 0 (left) to 1 (right). */
  public record Tick(double at, String label) {
  }

  private LineChart() {
  }

  /**
   * @param width and {@code height} of the plot area in pixels; lines longer than {@code width} samples are
   *     downsampled keeping each bucket's highest sample, so spikes stay visible
   */
  public static String render(String title, List<Line> lines, List<Tick> ticks, int width, int height) {
    double top = 0;
    for (Line line : lines) {
      for (double value : line.values()) {
        if (!Double.isNaN(value)) {
          top = Math.max(top, value);
        }
      }
    }
    top = top > 0 ? top : 1;
    int originY = TOP + height;
    StringBuilder svg = new StringBuilder(4096);
    svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
        + "role=\"img\" aria-label=\"%s\" data-top=\"%s\">%n", width + LEFT + 10, height + TOP + BOTTOM,
        Html.escape(title), number(top)));
    svg.append(text(LEFT, 14, "start", "13", "#000", title));
    svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>%n"
        + "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>%n", LEFT, TOP, LEFT, originY, LEFT, originY,
        LEFT + width, originY));
    svg.append(text(LEFT - 6, TOP + 10, "end", "11", "#000", number(top)))
        .append(text(LEFT - 6, originY, "end", "11", "#000", "0"));
    for (Tick tick : ticks) {
      svg.append(text(LEFT + width * tick.at(), originY + 16, "middle", "11", "#000", tick.label()));
    }
    double legendX = LEFT + Math.min(width / 2.0, 7 * title.length() + 30);
    for (Line line : lines) {
      svg.append(segments(line, top, width, height));
      svg.append(text(legendX, 14, "start", "12", line.color(), line.name()));
      legendX += 7 * line.name().length() + 24;
    }
    return svg.append("</svg>\n").toString();
  }

  /** The line as polylines between its gaps; a sample alone between two gaps is a dot. */
  private static String segments(Line line, double top, int width, int height) {
    double[] values = downsample(line.values(), width);
    StringBuilder out = new StringBuilder();
    StringBuilder points = new StringBuilder();
    int count = 0;
    double lastX = 0;
    double lastY = 0;
    for (int i = 0; i <= values.length; i++) {
      if (i < values.length && !Double.isNaN(values[i])) {
        lastX = LEFT + width * (i / (double) Math.max(1, values.length - 1));
        lastY = TOP + height - height * (values[i] / top);
        points.append(String.format(Locale.ROOT, "%.1f,%.1f ", lastX, lastY));
        count++;
        continue;
      }
      if (count == 1) {
        out.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2\" fill=\"%s\" "
            + "data-series=\"%s\"/>%n", lastX, lastY, line.color(), Html.escape(line.name())));
      } else if (count > 1) {
        out.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" "
            + "data-series=\"%s\" points=\"%s\"/>%n", line.color(), Html.escape(line.name()),
            points.toString().trim()));
      }
      points.setLength(0);
      count = 0;
    }
    return out.toString();
  }

  static double[] downsample(double[] values, int points) {
    if (values.length <= points) {
      return values;
    }
    int bucket = (int) Math.ceil(values.length / (double) points);
    double[] result = new double[(values.length + bucket - 1) / bucket];
    for (int b = 0; b < result.length; b++) {
      double highest = Double.NaN;
      for (int i = b * bucket; i < Math.min(values.length, (b + 1) * bucket); i++) {
        if (!Double.isNaN(values[i]) && (Double.isNaN(highest) || values[i] > highest)) {
          highest = values[i];
        }
      }
      result[b] = highest;
    }
    return result;
  }

  /** A whole number without decimals, a fraction with at most two. */
  static String number(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return String.format(Locale.ROOT, "%.2f", value).replaceAll("\\.?0+$", "");
  }

  private static String text(double x, double y, String anchor, String size, String color, String text) {
    return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%s\" font-family=\"sans-serif\" "
        + "fill=\"%s\" text-anchor=\"%s\">%s</text>%n", x, y, size, color, anchor, Html.escape(text));
  }
}
