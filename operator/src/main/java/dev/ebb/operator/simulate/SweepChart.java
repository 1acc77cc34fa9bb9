package dev.ebb.operator.simulate;

import dev.ebb.operator.html.Html;
import java.util.List;
import java.util.Locale;

/** An inline SVG of one workload's sweep: worker-seconds across, p95 wait up, one line per policy (its envelope). */
final class SweepChart {

  static final int WIDTH = 700;
  static final int HEIGHT = 300;
  static final int LEFT = 60;
  static final int TOP = 24;

  private SweepChart() {
  }

  static String render(String workload, List<Sweep.Point> points) {
    List<Sweep.Point> mine = points.stream().filter(p -> p.workload().equals(workload)).toList();
    double maxCost = mine.stream().mapToDouble(Sweep.Point::workerSeconds).max().orElse(1);
    double maxWait = Math.max(1, mine.stream().mapToDouble(Sweep.Point::p95).max().orElse(1));
    StringBuilder svg = new StringBuilder(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
        + "width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s: p95 wait against worker-seconds\">%n",
        LEFT + WIDTH + 160, TOP + HEIGHT + 40, workload));
    int originY = TOP + HEIGHT;
    svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>%n"
        + "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>%n", LEFT, TOP, LEFT, originY, LEFT,
        originY, LEFT + WIDTH, originY));
    svg.append(text(LEFT, 14, "start", workload + ": p95 wait (s, up) against worker-seconds (across), mean of seeds"));
    svg.append(text(LEFT - 6, TOP + 6, "end", String.format(Locale.ROOT, "%.0fs", maxWait)));
    svg.append(text(LEFT - 6, originY, "end", "0"));
    svg.append(text(LEFT, originY + 16, "middle", "0"));
    svg.append(text(LEFT + WIDTH, originY + 16, "middle", String.format(Locale.ROOT, "%.0f", maxCost)));
    for (int i = 0; i < MatchedCost.POLICIES.size(); i++) {
      String policy = MatchedCost.POLICIES.get(i);
      String color = SvgChart.COLORS.get(i % SvgChart.COLORS.size());
      List<Sweep.Point> envelope = MatchedCost.envelope(MatchedCost.of(mine, workload, policy));
      StringBuilder line = new StringBuilder();
      for (Sweep.Point p : envelope) {
        double x = LEFT + WIDTH * p.workerSeconds() / maxCost;
        double y = originY - HEIGHT * p.p95() / maxWait;
        line.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>%s %s: "
            + "%.0f worker-seconds, p95 %.1fs</title></circle>%n", x, y, color, policy, p.knob(), p.workerSeconds(),
            p.p95()));
      }
      svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" "
          + "points=\"%s\"/>%n", color, line.toString().trim()));
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" font-family=\"sans-serif\" "
          + "fill=\"%s\">%s</text>%n", LEFT + WIDTH + 12, TOP + 16 + 18 * i, color, policy));
    }
    return svg.append("</svg>\n").toString();
  }

  private static String text(double x, double y, String anchor, String text) {
    return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" font-family=\"sans-serif\" "
        + "text-anchor=\"%s\">%s</text>%n", x, y, anchor, Html.escape(text));
  }
}
