package dev.ebb.operator.dashboard;

import dev.ebb.operator.html.LineChart;
import java.util.List;

/** A pool's last hour as four charts: waiting jobs, oldest job age, arrival and completion rates, replicas. */
final class PoolCharts {

  static final int WIDTH = 560;
  static final int HEIGHT = 120;

  private PoolCharts() {
  }

  static String render(HistorySeries history) {
    List<LineChart.Tick> ticks = List.of(new LineChart.Tick(0, "-60m"), new LineChart.Tick(0.25, "-45m"),
        new LineChart.Tick(0.5, "-30m"), new LineChart.Tick(0.75, "-15m"), new LineChart.Tick(1, "now"));
    String blue = LineChart.COLORS.get(0);
    String red = LineChart.COLORS.get(1);
    return LineChart.render("waiting jobs", List.of(new LineChart.Line("queue", blue, history.depth())), ticks,
        WIDTH, HEIGHT)
        + LineChart.render("oldest job age (s)", List.of(new LineChart.Line("oldest", blue,
            history.oldestSeconds())), ticks, WIDTH, HEIGHT)
        + LineChart.render("jobs per second", List.of(new LineChart.Line("arrived", blue, history.arrivalRate()),
            new LineChart.Line("completed", red, history.completionRate())), ticks, WIDTH, HEIGHT)
        + LineChart.render("replicas", List.of(new LineChart.Line("desired", blue, history.desired()),
            new LineChart.Line("ready", red, history.ready())), ticks, WIDTH, HEIGHT);
  }
}
