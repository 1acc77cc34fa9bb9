package dev.ebb.operator.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.operator.scaler.WorkerHeartbeat;
import dev.ebb.operator.scaling.FailedMeasurement;
import dev.ebb.operator.scaling.QueueObservation;
import dev.ebb.operator.scaling.ScalingDecision;
import dev.ebb.operator.scaling.ScalingReason;
import dev.ebb.operator.scaling.ScalingState;
import dev.ebb.operator.TestingClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The pages rendered from a dashboard fed as the control loop feeds it, read back as a DOM. */
class DashboardPageTest {

  private static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");
  private static final Standing.Serving OPERATOR = new Standing.Serving("operator ebb-0 (leader)");
  private static final PoolKey MAILER = new PoolKey("shop", "mailer");

  private final TestingClock clock = new TestingClock(T0);
  private final Dashboard dashboard = new Dashboard(clock);

  private static QueueObservation queue(long depth, long oldestMillis) {
    return new QueueObservation(depth, Duration.ofMillis(oldestMillis), OptionalDouble.of(20), OptionalDouble.of(5),
        1, 1, OptionalInt.of(4), Optional.of(Duration.ofMillis(350)));
  }

  private static WorkerHeartbeat beat(String pod, Instant at) {
    return new WorkerHeartbeat(pod + ":1", pod, "running", 2, 4, OptionalDouble.of(350), at);
  }

  private void describe(PoolKey pool, String conditions) {
    dashboard.described(pool, new PoolFacts(1, 20, OptionalInt.of(1), OptionalInt.of(1), conditions,
        Duration.ofSeconds(60)));
  }

  @Test
  void theListShowsEachPoolsReplicasBoundsQueueAndConditions() {
    describe(MAILER, "Ready, Active");
    dashboard.observed(MAILER, T0, queue(1000, 480), List.of());
    dashboard.decided(MAILER, T0, new ScalingDecision(10, ScalingReason.SCALE_UP,
        "queue 1000, oldest 480ms, 350ms per job: 1 -> 10 replicas", ScalingState.initial()), 1);
    clock.advance(Duration.ofSeconds(3));

    Document page = Jsoup.parse(DashboardPage.list(OPERATOR, dashboard.rows(), clock.instant()));

    Element row = page.selectFirst("tr[data-pool=shop/mailer]");
    assertThat(row.select("td").eachText()).containsExactly("shop", "mailer", "1", "10", "1", "1..20", "1000",
        "480ms", "350ms", "Ready, Active", "3s ago");
    assertThat(row.selectFirst("a").attr("href")).isEqualTo("/pools/shop/mailer");
    assertThat(page.select("script")).singleElement().satisfies(s -> {
      assertThat(s.attr("src")).isEqualTo("/dashboard.js");
      assertThat(s.data()).isEmpty();
    });
  }

  @Test
  void aPoolPageHasTheChartsTheDecisionSentenceAndTheWorkersWithTheStaleOneMarked() {
    describe(MAILER, "Ready, Active");
    dashboard.observed(MAILER, T0.minusSeconds(60), queue(0, 0), List.of());
    dashboard.observed(MAILER, T0, queue(1000, 480), List.of(beat("mailer-a", T0),
        beat("mailer-b", T0.minusSeconds(300))));
    dashboard.decided(MAILER, T0, new ScalingDecision(10, ScalingReason.SCALE_UP,
        "queue 1000, oldest 480ms, 350ms per job: 1 -> 10 replicas", ScalingState.initial()), 1);

    Document page = Jsoup.parse(DashboardPage.pool(OPERATOR, dashboard.detail(MAILER).orElseThrow(), T0));

    assertThat(page.select("svg").eachAttr("aria-label"))
        .containsExactly("waiting jobs", "oldest job age (s)", "jobs per second", "replicas");
    assertThat(page.selectFirst("svg[aria-label=waiting jobs]").attr("data-top")).isEqualTo("1000");
    assertThat(page.select("ol.decisions li").eachText())
        .containsExactly("12:00:00 ScaleUp queue 1000, oldest 480ms, 350ms per job: 1 -> 10 replicas");
    assertThat(page.selectFirst("tr[data-pod=mailer-a]").text()).contains("2 / 4", "350ms", "live");
    Element stale = page.selectFirst("tr[data-pod=mailer-b]");
    assertThat(stale.hasClass("stale")).isTrue();
    assertThat(stale.text()).contains("5m ago", "stale");
  }

  @Test
  void everyStringATenantChoseIsEscaped() {
    PoolKey hostile = new PoolKey("ns\"><script>alert(1)</script>", "<img src=x onerror=alert(2)>");
    describe(hostile, "not Ready: <b>Bad</b>");
    dashboard.observed(hostile, T0, new FailedMeasurement("Redis <svg onload=alert(3)> unreachable"), List.of());
    dashboard.observed(hostile, T0, queue(1, 1), List.of(beat("<script>alert(4)</script>", T0)));
    dashboard.decided(hostile, T0, new ScalingDecision(2, ScalingReason.SCALE_UP, "</li><script>alert(5)</script>",
        ScalingState.initial()), 1);

    String list = DashboardPage.list(OPERATOR, dashboard.rows(), T0);
    String detail = DashboardPage.pool(OPERATOR, dashboard.detail(hostile).orElseThrow(), T0);

    for (String html : List.of(list, detail)) {
      Document page = Jsoup.parse(html);
      assertThat(page.select("script")).as("only the page's own script").hasSize(1);
      assertThat(page.select("img, b:contains(Bad), [onerror], [onload]")).isEmpty();
    }
    assertThat(Jsoup.parse(detail).selectFirst("ol.decisions li").text()).contains("</li><script>alert(5)</script>");
  }

  @Test
  void aFailedPollSaysSoInsteadOfShowingOldFigures() {
    describe(MAILER, "not Ready: MeasurementFailed");
    dashboard.observed(MAILER, T0, queue(1000, 480), List.of());
    dashboard.observed(MAILER, T0.plusSeconds(5), new FailedMeasurement("Redis redis.shop.svc:6379 did not answer"
        + " (Unreachable)"), List.of());

    Element row = Jsoup.parse(DashboardPage.list(OPERATOR, dashboard.rows(), T0.plusSeconds(5)))
        .selectFirst("tr[data-pool=shop/mailer]");

    assertThat(row.text()).contains("not measured: Redis redis.shop.svc:6379 did not answer (Unreachable)")
        .doesNotContain("1000");
  }

  @Test
  void theStandbyPageNamesTheLeaderAndShowsNoPoolAndNoLinkToOne() {
    Document page = Jsoup.parse(DashboardPage.standby(new Standing.Standby("ebb-operator-b",
        Optional.of("ebb-operator-a"), "ebb-system"), T0));

    assertThat(page.selectFirst("#leader").text()).isEqualTo("ebb-operator-a leads");
    assertThat(page.text()).contains("ebb-operator-b", "kubectl port-forward -n ebb-system pod/ebb-operator-a 8080");
    assertThat(page.select("a").eachAttr("href")).containsExactly("/");
    assertThat(page.select("table, svg, ol")).isEmpty();
  }

  @Test
  void aDeletedPoolLeavesTheList() {
    describe(MAILER, "Ready");
    describe(new PoolKey("shop", "billing"), "Ready");
    dashboard.useExistence(key -> !key.name().equals("billing"));

    assertThat(dashboard.rows()).extracting(PoolRow::key).containsExactly(MAILER);
    assertThat(dashboard.detail(new PoolKey("shop", "billing"))).isEmpty();
    assertThat(dashboard.size()).isEqualTo(1);
  }
}
