package dev.ebb.operator.simulate;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** An inline SVG line chart of one per-second series (backlog or replicas) for each policy; no script, no CSS file. */
final class SvgChart {

  static final int WIDTH = 900;
  static final int HEIGHT = 180;
  static final int LEFT = 60;
  static final int BOTTOM = 24;
  static final int MAX_POINTS = 900;
  static final List<String> COLORS = List.of("#1f77b4", "#d62728", "#ff7f0e", "#2ca02c", "#7f7f7f", "#9467bd");

  private SvgChart() {
  }

  static String render(String title, List<SimulationResult> results, Function<Timeline, int[]> series) {
    int seconds = results.get(0).timeline().length();
    int top = 1;
    for (SimulationResult result : results) {
      for (int value : series.apply(result.timeline())) {
        top = Math.max(top, value);
      }
    }
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
        + "role=\"img\" aria-label=\"%s\">%n", WIDTH + LEFT + 10, HEIGHT + BOTTOM + 20, title));
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"14\" font-size=\"13\" font-family=\"sans-serif\">%s"
        + "</text>%n", LEFT, title));
    int originY = HEIGHT + 20;
    svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"20\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>%n"
        + "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>%n", LEFT, LEFT, originY, LEFT, originY,
        LEFT + WIDTH, originY));
    svg.append(label(LEFT - 6, 30, "end", Integer.toString(top))).append(label(LEFT - 6, originY, "end", "0"));
    int tickEvery = seconds > 7200 ? 1800 : seconds > 1800 ? 600 : 60;
    for (int tick = 0; tick <= seconds; tick += tickEvery) {
      svg.append(label(x(tick, seconds), originY + 16, "middle", (tick / 60) + "m"));
    }
    for (int i = 0; i < results.size(); i++) {
      svg.append(polyline(series.apply(results.get(i).timeline()), top, seconds, COLORS.get(i % COLORS.size())));
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"14\" font-size=\"12\" font-family=\"sans-serif\" "
          + "fill=\"%s\">%s</text>%n", LEFT + 200 + 130 * i, COLORS.get(i % COLORS.size()), results.get(i).policy()));
    }
    return svg.append("</svg>\n").toString();
  }

  /** Downsampled to at most {@link #MAX_POINTS} points, keeping each bucket's highest value (spikes stay visible). */
  private static String polyline(int[] values, int top, int seconds, String color) {
    int bucket = Math.max(1, (int) Math.ceil(values.length / (double) MAX_POINTS));
    StringBuilder points = new StringBuilder();
    for (int start = 0; start < values.length; start += bucket) {
      int highest = 0;
      for (int i = start; i < Math.min(values.length, start + bucket); i++) {
        highest = Math.max(highest, values[i]);
      }
      double y = 20 + HEIGHT - HEIGHT * (highest / (double) top);
      points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(start, seconds), y));
    }
    return String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" points=\"%s\"/>%n",
        color, points.toString().trim());
  }

  private static double x(int second, int seconds) {
    return LEFT + WIDTH * (second / (double) Math.max(1, seconds));
  }

  private static String label(double x, double y, String anchor, String text) {
    return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" font-family=\"sans-serif\" "
        + "text-anchor=\"%s\">%s</text>%n", x, y, anchor, text);
  }
}
