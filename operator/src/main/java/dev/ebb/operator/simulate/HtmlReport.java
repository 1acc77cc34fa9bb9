package dev.ebb.operator.simulate;

import dev.ebb.operator.html.Html;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code report.html}: a self-contained page (inline SVG, no scripts) with each workload's figures and charts. */
final class HtmlReport {

  private HtmlReport() {
  }

  /** {@code workloads} and {@code resultsByWorkload} in the same order. */
  static Path write(Path directory, String poolSummary, List<Workload> workloads,
                    List<List<SimulationResult>> resultsByWorkload) throws IOException {
    return write(directory, poolSummary, workloads, resultsByWorkload, List.of());
  }

  /** With {@code sweep} points (may be empty): the matched-cost tables and charts come first. */
  static Path write(Path directory, String poolSummary, List<Workload> workloads,
                    List<List<SimulationResult>> resultsByWorkload, List<Sweep.Point> sweep) throws IOException {
    StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<title>ebb simulate</title></head>\n<body style=\"font-family:sans-serif;max-width:1000px\">\n"
        + "<h1>ebb simulate</h1>\n<p>" + Html.escape(poolSummary).replace("\n", "<br>\n") + "</p>\n");
    if (!sweep.isEmpty()) {
      List<String> names = workloads.stream().map(Workload::name).toList();
      html.append("<h2>Matched cost</h2>\n<p>p95 wait at equal worker-seconds, on each policy's cost/p95 curve "
          + "(lower envelope of its sweep points, linear between them, means over the seeds).</p>\n<pre>")
          .append(Html.escape(MatchedCost.table(sweep, names))).append("</pre>\n");
      for (String name : names) {
        html.append(SweepChart.render(name, sweep));
      }
      html.append("<details><summary>every point of the sweep</summary><pre>")
          .append(Html.escape(MatchedCost.points(sweep))).append("</pre></details>\n<h2>At the pool's own settings</h2>\n");
    }
    for (int i = 0; i < workloads.size(); i++) {
      List<SimulationResult> results = resultsByWorkload.get(i);
      html.append("<h2>").append(Html.escape(workloads.get(i).name())).append("</h2>\n<p>")
          .append(Html.escape(workloads.get(i).description())).append("</p>\n").append(table(results))
          .append(SvgChart.render("waiting jobs", results, Timeline::backlog))
          .append(SvgChart.render("replicas", results, Timeline::replicas));
    }
    Path file = directory.resolve("report.html");
    Files.writeString(file, html.append("</body></html>\n").toString(), StandardCharsets.UTF_8);
    return file;
  }

  private static String table(List<SimulationResult> results) {
    StringBuilder table = new StringBuilder("<table border=\"1\" cellpadding=\"4\" style=\"border-collapse:collapse\">"
        + "<tr><th>policy</th><th>worker-seconds</th><th>p50 wait</th><th>p95 wait</th><th>p99 wait</th>"
        + "<th>max backlog</th><th>scaling changes</th><th>jobs</th></tr>\n");
    for (SimulationResult r : results) {
      table.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%.0f</td><td>%s</td><td>%s</td><td>%s</td>"
              + "<td>%d</td><td>%d</td><td>%d</td></tr>%n", Html.escape(r.policy()), r.workerSeconds(),
          SummaryTable.seconds(r.p50Wait()), SummaryTable.seconds(r.p95Wait()), SummaryTable.seconds(r.p99Wait()),
          r.maxBacklog(), r.scalingChanges(), r.jobs()));
    }
    return table.append("</table>\n").toString();
  }
}
