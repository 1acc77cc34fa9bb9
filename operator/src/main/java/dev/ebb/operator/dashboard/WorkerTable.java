package dev.ebb.operator.dashboard;

import dev.ebb.api.v1alpha1.DurationFormat;
import dev.ebb.operator.html.Html;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The workers of a pool from their last heartbeats: pod, state, busy of concurrency, processing time, staleness. */
final class WorkerTable {

  private WorkerTable() {
  }

  static String render(List<WorkerRow> workers, Instant now) {
    StringBuilder html = new StringBuilder("<h2>Workers</h2>\n");
    if (workers.isEmpty()) {
      return html.append("<p class=\"note\">No heartbeat read on the last poll.</p>\n").toString();
    }
    html.append("<table class=\"workers\"><thead><tr><th>pod</th><th>state</th><th>busy</th><th>proc-time</th>"
        + "<th>last beat</th><th>heartbeat</th></tr></thead><tbody>\n");
    for (WorkerRow w : workers) {
      html.append("<tr data-pod=\"").append(Html.escape(w.pod())).append("\"")
          .append(w.stale() ? " class=\"stale\"" : "").append("><td>").append(Html.escape(w.pod()))
          .append("</td><td>").append(Html.escape(w.state())).append("</td><td class=\"n\">").append(w.busy())
          .append(" / ").append(w.concurrency()).append("</td><td class=\"n\">")
          .append(w.meanProcessingMillis().isPresent()
              ? DurationFormat.format(Duration.ofNanos(Math.round(w.meanProcessingMillis().getAsDouble() * 1e6)))
              : "-")
          .append("</td><td>").append(PoolTable.ago(w.lastBeat(), now)).append("</td><td>")
          .append(w.stale() ? "<span class=\"bad\">stale</span>" : "live").append("</td></tr>\n");
    }
    return html.append("</tbody></table>\n").toString();
  }
}
