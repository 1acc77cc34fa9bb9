package dev.ebb.operator.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.operator.TestingClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dashboard over a real HTTP server: read-only, strict headers, 404 for what it does not serve. */
class DashboardHandlerIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final TestingClock clock = new TestingClock(Instant.parse("2026-01-01T12:00:00Z"));
  private final Dashboard dashboard = new Dashboard(clock);
  private final AtomicReference<Standing> standing = new AtomicReference<>(new Standing.Serving("operator"));
  private DashboardServer server;

  @BeforeEach
  void start() throws Exception {
    dashboard.described(new PoolKey("shop", "mailer"), new PoolFacts(1, 5, OptionalInt.of(1), OptionalInt.of(1),
        "Ready", Duration.ofSeconds(60)));
    server = DashboardServer.start(0, new DashboardHandler(dashboard, standing::get, clock));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> send(String method, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(server.url()).resolve(path))
        .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesThePagesAndTheScriptWithAPolicyThatForbidsInlineScriptsAndOtherOrigins() throws Exception {
    HttpResponse<String> list = send("GET", "/");
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(list.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
        assertThat(csp).contains("default-src 'none'", "script-src 'self'", "connect-src 'self'")
            .doesNotContain("unsafe-eval").doesNotContain("script-src 'self' 'unsafe-inline'"));
    assertThat(list.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(list.body()).contains("data-pool=\"shop/mailer\"");

    assertThat(send("GET", "/pools/shop/mailer").statusCode()).isEqualTo(200);
    HttpResponse<String> script = send("GET", "/dashboard.js");
    assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
    assertThat(script.body()).contains("fetch(location.href");
  }

  @Test
  void isReadOnlyAndAnswers404ForWhatItDoesNotServe() throws Exception {
    assertThat(send("POST", "/").statusCode()).isEqualTo(405);
    assertThat(send("DELETE", "/pools/shop/mailer").statusCode()).isEqualTo(405);
    assertThat(send("GET", "/pools/shop/billing").statusCode()).isEqualTo(404);
    assertThat(send("GET", "/pools/shop").statusCode()).isEqualTo(404);
    assertThat(send("GET", "/favicon.ico").statusCode()).isEqualTo(404);
    assertThat(send("HEAD", "/").statusCode()).isEqualTo(200);
  }

  @Test
  void onStandbyEveryPageNamesTheLeaderAndNoneShowsThePool() throws Exception {
    standing.set(new Standing.Standby("ebb-b", Optional.of("ebb-a"), "ebb-system"));

    for (String path : new String[] {"/", "/pools/shop/mailer"}) {
      HttpResponse<String> page = send("GET", path);
      assertThat(page.statusCode()).as(path).isEqualTo(200);
      assertThat(page.body()).as(path).contains("<b>ebb-a</b> leads").doesNotContain("mailer");
    }
  }
}
