package dev.ebb.operator.dashboard;

import dev.ebb.api.v1alpha1.DurationFormat;
import dev.ebb.operator.html.Html;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** The pools table: one row per pool, as {@code kubectl get wp} shows it, with the figures of the last poll. */
final class PoolTable {

  private PoolTable() {
  }

  static String render(List<PoolRow> rows, Instant now, boolean links) {
    StringBuilder html = new StringBuilder("<table class=\"pools\"><thead><tr><th>namespace</th><th>pool</th>"
        + "<th>replicas</th><th>desired</th><th>ready</th><th>min..max</th><th>queue</th><th>oldest</th>"
        + "<th>proc-time</th><th>conditions</th><th>last poll</th></tr></thead><tbody>\n");
    for (PoolRow row : rows) {
      String name = Html.escape(row.key().name());
      html.append("<tr data-pool=\"").append(Html.escape(row.key().toString())).append("\"><td>")
          .append(Html.escape(row.key().namespace())).append("</td><td>")
          .append(links ? "<a href=\"" + Html.escape(href(row.key())) + "\">" + name + "</a>" : name).append("</td>")
          .append(number(row.facts().flatMap(f -> boxed(f.replicas())).orElse(null)))
          .append(number(boxed(row.desired()).orElse(null)))
          .append(number(row.facts().flatMap(f -> boxed(f.ready())).orElse(null)))
          .append("<td class=\"n\">").append(row.facts().map(f -> f.min() + ".." + f.max()).orElse("-"))
          .append("</td>");
      if (row.failure().isPresent()) {
        html.append("<td colspan=\"3\" class=\"bad\">not measured: ").append(Html.escape(row.failure().get()))
            .append("</td>");
      } else {
        html.append(number(row.depth().isPresent() ? row.depth().getAsLong() : null))
            .append("<td class=\"n\">").append(row.oldestAge().map(DurationFormat::format).orElse("-"))
            .append("</td><td class=\"n\">").append(row.processingTime().map(DurationFormat::format).orElse("-"))
            .append("</td>");
      }
      html.append("<td>").append(Html.escape(row.facts().map(PoolFacts::conditions).orElse("-"))).append("</td>")
          .append("<td>").append(row.polledAt().map(at -> ago(at, now)).orElse("not yet")).append("</td></tr>\n");
    }
    return html.append("</tbody></table>\n").toString();
  }

  static String href(PoolKey key) {
    return "/pools/" + segment(key.namespace()) + "/" + segment(key.name());
  }

  static String ago(Instant at, Instant now) {
    return DurationFormat.format(Duration.between(at, now)) + " ago";
  }

  private static String segment(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String number(Object value) {
    return "<td class=\"n\">" + (value == null ? "-" : value) + "</td>";
  }

  private static Optional<Integer> boxed(OptionalInt value) {
    return value.isPresent() ? Optional.of(value.getAsInt()) : Optional.empty();
  }
}
