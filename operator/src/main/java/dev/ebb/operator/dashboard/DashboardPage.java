package dev.ebb.operator.dashboard;

import dev.ebb.operator.html.Html;
import java.time.Instant;
import java.util.List;

/**
 * The dashboard's pages, rendered from values: the pool list, a pool's page, the standby notice and "no such pool".
 * Pure: a snapshot in, HTML out. Every string a tenant chose (pool and pod names, messages) is escaped.
 */
public final class DashboardPage {

  private DashboardPage() {
  }

  /** {@code /}: every pool, one row each, linking to its page. */
  public static String list(Standing.Serving standing, List<PoolRow> rows, Instant now) {
    StringBuilder main = new StringBuilder("<h1>Pools</h1>\n");
    if (rows.isEmpty()) {
      main.append("<p class=\"note\">No pool yet: rows appear after a pool's first queue poll.</p>\n");
    } else {
      main.append(PoolTable.render(rows, now, true));
    }
    return PageFrame.page("Ebb: pools", standing.source(), now, main.toString());
  }

  /** {@code /pools/<namespace>/<name>}: the pool's row, charts of the last hour, decisions and workers. */
  public static String pool(Standing.Serving standing, PoolDetail detail, Instant now) {
    StringBuilder main = new StringBuilder();
    main.append("<h1>").append(Html.escape(detail.row().key().toString())).append("</h1>\n")
        .append(PoolTable.render(List.of(detail.row()), now, false))
        .append("<h2>Last hour</h2>\n<div class=\"charts\">\n").append(PoolCharts.render(detail.history()))
        .append("</div>\n").append(DecisionList.render(detail.decisions()))
        .append(WorkerTable.render(detail.workers(), now));
    return PageFrame.page("Ebb: " + detail.row().key(), standing.source(), now, main.toString());
  }

  /** Any page on a replica that does not lead: who does, and how to reach it; no figures, no links to pools. */
  public static String standby(Standing.Standby standing, Instant now) {
    String leader = standing.leader().map(l -> "<span id=\"leader\"><b>" + Html.escape(l) + "</b> leads</span>")
        .orElse("<span id=\"leader\">no leader is known yet</span>");
    String reach = standing.leader().map(l -> "<p>Its page: <code>kubectl port-forward -n "
        + Html.escape(standing.namespace()) + " pod/" + Html.escape(l) + " 8080</code>, then http://localhost:8080/"
        + ".</p>\n").orElse("");
    String main = "<h1>Standby replica</h1>\n<p>This replica (<b>" + Html.escape(standing.identity())
        + "</b>) does not lead, so it measures no queue and has nothing current to show: " + leader + ".</p>\n"
        + reach;
    return PageFrame.page("Ebb: standby", "operator " + standing.identity() + " (standby)", now, main);
  }

  /** {@code what} is text, e.g. "no pool shop/mailer (it does not exist, or has not been polled yet)". */
  public static String notFound(Standing.Serving standing, String what, Instant now) {
    return PageFrame.page("Ebb: not found", standing.source(), now, "<h1>Not found</h1>\n<p>" + Html.escape(what)
        + "</p>\n<p><a href=\"/\">All pools</a></p>\n");
  }
}
