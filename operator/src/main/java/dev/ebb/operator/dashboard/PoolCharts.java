package dev.ebb.operator.dashboard;

import dev.ebb.api.v1alpha1.DurationFormat;
import dev.ebb.operator.html.LineChart;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A pool's last hour as four charts: waiting jobs, oldest job age, arrival and completion rates, replicas. A pool
 * seen for less than an hour is drawn from its first bucket (at least {@link #MIN_BUCKETS} back), so a short run
 * fills the width instead of a sliver at its right end.
 */
final class PoolCharts {

  static final int WIDTH = 470;
  static final int HEIGHT = 120;
  static final int MIN_BUCKETS = 6;

  private PoolCharts() {
  }

  static String render(HistorySeries history) {
    int from = firstRecorded(history);
    List<LineChart.Tick> ticks = ticks(Duration.ofMillis((history.buckets() - from) * history.bucketMillis()));
    String blue = LineChart.COLORS.get(0);
    String red = LineChart.COLORS.get(1);
    return LineChart.render("waiting jobs", List.of(line("queue", blue, history.depth(), from)), ticks, WIDTH,
        HEIGHT)
        + LineChart.render("oldest job age (s)", List.of(line("oldest", blue, history.oldestSeconds(), from)), ticks,
            WIDTH, HEIGHT)
        + LineChart.render("jobs per second", List.of(line("arrived", blue, history.arrivalRate(), from),
            line("completed", red, history.completionRate(), from)), ticks, WIDTH, HEIGHT)
        + LineChart.render("replicas", List.of(line("desired", blue, history.desired(), from),
            line("ready", red, history.ready(), from)), ticks, WIDTH, HEIGHT);
  }

  /** The first bucket with any figure, but no later than {@link #MIN_BUCKETS} before the end. */
  static int firstRecorded(HistorySeries history) {
    int end = history.buckets() - MIN_BUCKETS;
    for (int i = 0; i < end; i++) {
      for (double[] series : List.of(history.depth(), history.desired(), history.ready())) {
        if (!Double.isNaN(series[i])) {
          return i;
        }
      }
    }
    return Math.max(0, end);
  }

  /** Five labels from the start of the span ("-60m") to "now". */
  static List<LineChart.Tick> ticks(Duration span) {
    List<LineChart.Tick> ticks = new ArrayList<>();
    for (int quarter = 0; quarter < 4; quarter++) {
      ticks.add(new LineChart.Tick(quarter / 4.0, "-" + DurationFormat.format(span.multipliedBy(4 - quarter)
          .dividedBy(4))));
    }
    ticks.add(new LineChart.Tick(1, "now"));
    return ticks;
  }

  private static LineChart.Line line(String name, String color, double[] values, int from) {
    return new LineChart.Line(name, color, Arrays.copyOfRange(values, from, values.length));
  }
}
