package dev.ebb.operator.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ebb.api.v1alpha1.WorkerPool;
import dev.ebb.operator.EbbOperator;
import dev.ebb.operator.EbbQueueWriter;
import dev.ebb.operator.TestOperators;
import dev.ebb.operator.WorkerPools;
import dev.ebb.redis.RedisProcess;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/**
 * The operator's dashboard in a real browser: the operator on the mock API server with three pools whose queues are in
 * a real Redis; a burst in one of them, a worker of it that stopped beating. Asserts what a person sees in the DOM
 * Chromium rendered.
 */
@EnableKubernetesMockClient(crud = true)
class OperatorDashboardBrowserIT {

  private static final String NS = "shop";
  private static final Duration WAIT = Duration.ofSeconds(40);

  KubernetesClient client;
  private Chromium chromium;
  private RedisProcess redis;
  private JedisPooled jedis;
  private EbbQueueWriter queues;
  private EbbOperator operator;

  @BeforeEach
  void start() throws Exception {
    chromium = Chromium.require();
    redis = RedisProcess.startOnFreePort();
    jedis = new JedisPooled(redis.host(), redis.port());
    queues = new EbbQueueWriter(redis.host(), redis.port());
    operator = TestOperators.startWithCrd(client);
  }

  @AfterEach
  void stop() {
    if (operator != null) {
      operator.close();
    }
    if (redis != null) {
      queues.close();
      jedis.close();
      redis.close();
    }
  }

  @Test
  void threePoolsAreListedAndAPoolPageShowsTheBurstTheScaleUpAndTheStaleWorker() throws Exception {
    beat("mailer", "mailer-live", Instant.now().plusSeconds(40));
    beat("mailer", "mailer-hung", Instant.now().minusSeconds(300));
    for (String name : List.of("mailer", "billing", "reports")) {
      WorkerPool pool = WorkerPools.valid(NS, name, redis.uri());
      pool.getSpec().getScaling().setPollingInterval("1s");
      client.resource(pool).create();
    }
    String base = "http://127.0.0.1:" + operator.httpPort();

    Document list = await().atMost(WAIT).pollInterval(Duration.ofSeconds(1))
        .until(() -> chromium.dom(base + "/", 1000), page -> page.select("tr[data-pool]").size() == 3
            && page.select("tr[data-pool] td:eq(6)").eachText().stream().allMatch(depth -> depth.equals("0")));
    assertThat(list.select("tr[data-pool]").eachAttr("data-pool"))
        .containsExactly("shop/billing", "shop/mailer", "shop/reports");
    Element mailer = list.selectFirst("tr[data-pool=shop/mailer]");
    // the mock API server runs no Deployment controller: the Deployment asks for 2 and has none yet
    assertThat(mailer.select("td").eachText().subList(0, 6)).containsExactly("shop", "mailer", "0", "2", "0",
        "2..10");

    queues.enqueue("mailer", 500, Instant.now().minusMillis(480));
    Document page = await().atMost(WAIT).pollInterval(Duration.ofSeconds(1))
        .until(() -> chromium.dom(base + "/pools/shop/mailer", 1000),
            p -> !p.select("ol.decisions li[data-reason=ScaleUp]").isEmpty());

    assertThat(page.selectFirst("ol.decisions li[data-reason=ScaleUp]").text())
        .matches("\\d\\d:\\d\\d:\\d\\d ScaleUp queue 500, oldest .*: 2 -> 5 replicas");
    Element depth = page.selectFirst("svg[aria-label=waiting jobs]");
    assertThat(depth.select("text").eachText()).as("the y axis goes up to the burst").contains("500");
    assertThat(depth.select("polyline[data-series=queue], circle[data-series=queue]")).isNotEmpty();
    assertThat(page.selectFirst("tr[data-pool=shop/mailer]").text()).contains("500");
    Element hung = page.selectFirst("tr[data-pod=mailer-hung]");
    assertThat(hung.hasClass("stale")).isTrue();
    assertThat(hung.select("td").last().text()).isEqualTo("stale");
    assertThat(page.selectFirst("tr[data-pod=mailer-live]").select("td").last().text()).isEqualTo("live");
    assertThat(page.html()).as("no queue address").doesNotContain(redis.uri(), "redis://");
    assertThat(page.selectFirst("#refresh").text()).as("the refresh script ran, its Content-Security-Policy allows it")
        .isEqualTo("(refreshes every 5 s)");
    Document refreshed = chromium.dom(base + "/pools/shop/mailer", 11_000);
    assertThat(Integer.parseInt(refreshed.body().attr("data-refreshes"))).as("refreshed in place every 5 s")
        .isPositive();
    assertThat(refreshed.select("main")).as("one main, swapped, not nested").hasSize(1);
    assertThat(refreshed.select("tr[data-pod=mailer-hung].stale")).hasSize(1);
  }

  /** A heartbeat as the worker runtime writes it (docs/protocol.md). */
  private void beat(String queue, String pod, Instant at) {
    String id = pod + ":1";
    jedis.zadd("ebb:{" + queue + "}:workers", at.toEpochMilli(), id);
    jedis.hset("ebb:{" + queue + "}:worker:" + id, Map.of("id", id, "pod", pod, "pool", queue, "state", "running",
        "busy", "0", "concurrency", "10", "beat", Long.toString(at.toEpochMilli())));
  }
}
