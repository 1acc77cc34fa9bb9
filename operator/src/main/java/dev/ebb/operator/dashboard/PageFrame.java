package dev.ebb.operator.dashboard;

import dev.ebb.operator.html.Html;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The frame of every dashboard page: head, style, header, the {@code <main>} the refresh script replaces, and the
 * script itself, loaded from {@code /dashboard.js} (no inline script, so the Content-Security-Policy can forbid them).
 */
final class PageFrame {

  static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  private static final String STYLE = """
      body{font-family:sans-serif;margin:0 1.5em 2em;color:#222}
      header{padding:.6em 0;border-bottom:1px solid #ccc;margin-bottom:1em}
      header a{font-weight:bold;color:#222;text-decoration:none;margin-right:1em}
      table{border-collapse:collapse;margin:.5em 0 1.5em}
      th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;font-size:14px}
      td.n{text-align:right;font-variant-numeric:tabular-nums}
      .bad{color:#b00020;font-weight:bold}
      tr.stale td{background:#fde8e8}
      ol.decisions{font-family:monospace;font-size:13px;padding-left:1.5em}
      .charts{display:flex;flex-wrap:wrap;gap:0 1em}
      .note{color:#555}
      """;

  private PageFrame() {
  }

  /** A whole page around {@code main}, which is already HTML; {@code title} is text. */
  static String page(String title, String source, Instant now, String main) {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>" + Html.escape(title) + "</title><style>" + STYLE + "</style></head>\n<body>\n"
        + "<header><a href=\"/\">Ebb</a><span>" + Html.escape(source) + "</span> <span class=\"note\">as of "
        + CLOCK.format(now) + " UTC</span> <span class=\"note\" id=\"refresh\"></span></header>\n"
        + "<main>\n" + main + "</main>\n<script src=\"/dashboard.js\"></script>\n</body></html>\n";
  }
}
