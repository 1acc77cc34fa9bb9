package dev.ebb.operator.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The dashboard over HTTP, for the JDK server of the operator and of {@code ebb local}: {@code /} lists the pools,
 * {@code /pools/<namespace>/<name>} shows one, {@code /dashboard.js} refreshes them. Read-only (GET and HEAD only);
 * a Content-Security-Policy allows no script but that file and no request elsewhere.
 */
public final class DashboardHandler implements HttpHandler {

  static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; connect-src 'self'; "
      + "style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
  private static final byte[] SCRIPT = script();

  private final Dashboard dashboard;
  private final Supplier<Standing> standing;
  private final Clock clock;

  public DashboardHandler(Dashboard dashboard, Supplier<Standing> standing, Clock clock) {
    this.dashboard = dashboard;
    this.standing = standing;
    this.clock = clock;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        send(exchange, 405, "text/plain; charset=utf-8", "read-only\n".getBytes(StandardCharsets.UTF_8));
        return;
      }
      String path = exchange.getRequestURI().getRawPath();
      if (path.equals("/dashboard.js")) {
        send(exchange, 200, "text/javascript; charset=utf-8", SCRIPT);
        return;
      }
      Page page = page(path, clock.instant());
      send(exchange, page.status, "text/html; charset=utf-8", page.html.getBytes(StandardCharsets.UTF_8));
    }
  }

  private Page page(String path, Instant now) {
    Standing current = standing.get();
    if (current instanceof Standing.Standby standby) {
      return new Page(path.equals("/") || path.startsWith("/pools/") ? 200 : 404,
          DashboardPage.standby(standby, now));
    }
    Standing.Serving serving = (Standing.Serving) current;
    if (path.equals("/")) {
      return new Page(200, DashboardPage.list(serving, dashboard.rows(), now));
    }
    String[] parts = path.split("/", -1);
    if (parts.length == 4 && parts[1].equals("pools") && !parts[2].isEmpty() && !parts[3].isEmpty()) {
      PoolKey key = new PoolKey(decode(parts[2]), decode(parts[3]));
      return dashboard.detail(key).map(detail -> new Page(200, DashboardPage.pool(serving, detail, now)))
          .orElseGet(() -> new Page(404, DashboardPage.notFound(serving, "no pool " + key
              + " (it does not exist, or has not been polled yet)", now)));
    }
    return new Page(404, DashboardPage.notFound(serving, "nothing at " + path, now));
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
    var headers = exchange.getResponseHeaders();
    headers.set("Content-Type", type);
    headers.set("Cache-Control", "no-store");
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("Referrer-Policy", "no-referrer");
    headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : body.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static String decode(String segment) {
    return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static byte[] script() {
    try (InputStream in = DashboardHandler.class.getResourceAsStream("dashboard.js")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record Page(int status, String html) {
  }
}
