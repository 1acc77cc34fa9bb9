package dev.ebb.operator.simulate;

import dev.ebb.operator.html.LineChart;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** An inline SVG line chart of one per-second series (backlog or replicas) for each policy; no script, no CSS file. */
final class SvgChart {

  static final int WIDTH = 900;
  static final int HEIGHT = 180;
  static final List<String> COLORS = LineChart.COLORS;

  private SvgChart() {
  }

  static String render(String title, List<SimulationResult> results, Function<Timeline, int[]> series) {
    int seconds = results.get(0).timeline().length();
    List<LineChart.Line> lines = new ArrayList<>();
    for (int i = 0; i < results.size(); i++) {
      int[] values = series.apply(results.get(i).timeline());
      double[] samples = new double[values.length];
      for (int s = 0; s < values.length; s++) {
        samples[s] = values[s];
      }
      lines.add(new LineChart.Line(results.get(i).policy(), COLORS.get(i % COLORS.size()), samples));
    }
    int tickEvery = seconds > 7200 ? 1800 : seconds > 1800 ? 600 : 60;
    List<LineChart.Tick> ticks = new ArrayList<>();
    for (int tick = 0; tick <= seconds; tick += tickEvery) {
      ticks.add(new LineChart.Tick(tick / (double) Math.max(1, seconds), (tick / 60) + "m"));
    }
    return LineChart.render(title, lines, ticks, WIDTH, HEIGHT);
  }
}
