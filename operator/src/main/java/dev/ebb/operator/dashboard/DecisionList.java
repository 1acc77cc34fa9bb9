package dev.ebb.operator.dashboard;

import dev.ebb.operator.html.Html;
import java.util.List;

/** The decision log, newest first: time, reason, the policy's sentence. */
final class DecisionList {

  private DecisionList() {
  }

  static String render(List<LoggedDecision> decisions) {
    StringBuilder html = new StringBuilder("<h2>Scaling decisions</h2>\n");
    if (decisions.isEmpty()) {
      return html.append("<p class=\"note\">None yet.</p>\n").toString();
    }
    html.append("<p class=\"note\">The last ").append(decisions.size()).append(" that moved the replicas or changed"
        + " reason, newest first (UTC).</p>\n<ol class=\"decisions\">\n");
    for (LoggedDecision d : decisions) {
      html.append("<li data-reason=\"").append(d.reason().reason()).append("\"><time>")
          .append(PageFrame.CLOCK.format(d.at())).append("</time> <b>").append(d.reason().reason()).append("</b> ")
          .append(Html.escape(d.message())).append("</li>\n");
    }
    return html.append("</ol>\n").toString();
  }
}
