package dev.ebb.operator.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ebb.api.v1alpha1.WorkerPool;
import dev.ebb.operator.EbbOperator;
import dev.ebb.operator.TestOperators;
import dev.ebb.operator.WorkerPools;
import dev.ebb.operator.config.OperatorConfig;
import dev.ebb.operator.health.Endpoint;
import dev.ebb.operator.health.Leadership.Role;
import dev.ebb.redis.RedisProcess;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two operators on one API server, one Lease: only the leader reconciles; when it stops, it gives up the Lease and
 * the standby takes over at once (well within the lease duration) and reconciles what changed meanwhile.
 */
@EnableKubernetesMockClient(crud = true)
class LeaderElectionIT {

  private static final String NS = "shop";
  private static final String LEASE_NS = "ebb-system";
  private static final Duration LEASE = Duration.ofSeconds(4);
  private static final String AGENT = "ebb-operator-";

  KubernetesMockServer server;
  KubernetesClient client;
  private RedisProcess redis;
  private final Map<String, EbbOperator> operators = new HashMap<>();
  private final Map<String, KubernetesClient> clients = new HashMap<>();

  @BeforeEach
  void start() throws Exception {
    redis = RedisProcess.startOnFreePort();
    TestOperators.allowLeaseChecks(server);
    client.apiextensions().v1().customResourceDefinitions()
        .load(getClass().getResourceAsStream("/META-INF/fabric8/workerpools.ebb.dev-v1.yml")).create();
    for (String identity : List.of("a", "b")) {
      // each its own client, with its own User-Agent, so that the API server can tell who wrote what
      clients.put(identity, new KubernetesClientBuilder().withConfig(new ConfigBuilder(client.getConfiguration())
          .withUserAgent(AGENT + identity).build()).build());
      operators.put(identity, EbbOperator.start(electing(identity), clients.get(identity)));
    }
  }

  @AfterEach
  void stop() {
    operators.values().forEach(EbbOperator::close);
    clients.values().forEach(KubernetesClient::close);
    redis.close();
  }

  @Test
  void onlyTheLeaderReconcilesAndTheStandbyTakesOverWhenItStops() throws Exception {
    String leader = await().atMost(Duration.ofSeconds(10)).until(this::holder, h -> h != null);
    String standby = leader.equals("a") ? "b" : "a";
    await().atMost(Duration.ofSeconds(5)).until(() -> operators.get(standby).leadership().leader().isPresent());

    // both are live and ready: the standby says so, and a rollout with maxUnavailable 0 does not wait for it
    assertThat(Endpoint.get(port(leader), "/readyz")).isEqualTo(new Endpoint(200, "leader\n"));
    assertThat(Endpoint.get(port(standby), "/readyz")).isEqualTo(new Endpoint(200,
        "standby (leader: " + leader + ")\n"));
    assertThat(Endpoint.get(port(leader), "/healthz").status()).isEqualTo(200);
    assertThat(Endpoint.get(port(standby), "/healthz").status()).isEqualTo(200);

    client.resource(WorkerPools.valid(NS, "mailer", redis.uri())).create();
    await().atMost(Duration.ofSeconds(15)).until(() -> deployment() != null);
    await().atMost(Duration.ofSeconds(15)).until(() -> status() != null && status().getStatus() != null);
    assertThat(reconciles(leader)).isPositive();
    assertThat(reconciles(standby)).isZero();
    assertThat(operators.get(standby).leadership().role()).isEqualTo(Role.CANDIDATE);
    Map<String, List<String>> writes = writesByInstance();
    assertThat(writes.get(leader)).anyMatch(w -> w.startsWith("POST /apis/apps/v1/namespaces/shop/deployments"))
        .anyMatch(w -> w.startsWith("PATCH /apis/ebb.dev/v1alpha1/namespaces/shop/workerpools/mailer/status"));
    assertThat(writes.get(standby)).as("the standby writes nothing but its Lease attempts").isEmpty();

    // the dashboard: the leader lists the pool; the standby names the leader and shows no figure nor link to a pool
    await().atMost(Duration.ofSeconds(10)).until(() -> Jsoup.parse(Endpoint.get(port(leader), "/").body())
        .selectFirst("tr[data-pool=shop/mailer]") != null);
    for (String path : List.of("/", "/pools/shop/mailer")) {
      Endpoint page = Endpoint.get(port(standby), path);
      Document standbyPage = Jsoup.parse(page.body());
      assertThat(page.status()).as(path).isEqualTo(200);
      assertThat(standbyPage.selectFirst("#leader").text()).as(path).isEqualTo(leader + " leads");
      assertThat(standbyPage.select("tr[data-pool], svg, ol.decisions")).as(path).isEmpty();
      assertThat(standbyPage.select("a").eachAttr("href")).as(path).containsExactly("/");
    }

    long stoppedAt = System.nanoTime();
    operators.remove(leader).close();
    // released on stop, not left to expire
    assertThat(holder()).isIn(null, standby);

    editPool(p -> {
      p.getSpec().getReplicas().setMin(4);
      return p;
    });
    await().atMost(LEASE).until(() -> standby.equals(holder()));
    assertThat(Duration.ofNanos(System.nanoTime() - stoppedAt)).isLessThan(LEASE);
    await().atMost(Duration.ofSeconds(15)).until(() -> deployment().getSpec().getReplicas() == 4);
    assertThat(reconciles(standby)).isPositive();
    assertThat(writesByInstance().get(standby))
        .anyMatch(w -> w.startsWith("PATCH /apis/apps/v1/namespaces/shop/deployments/mailer"));
    assertThat(Endpoint.get(port(standby), "/readyz")).isEqualTo(new Endpoint(200, "leader\n"));
  }

  static OperatorConfig electing(String identity) {
    return OperatorConfig.from(Map.of(
        "EBB_HTTP_PORT", "0",
        "EBB_LEADER_ELECTION", "true",
        "EBB_LEASE_NAMESPACE", LEASE_NS,
        "EBB_POD_NAME", identity,
        "EBB_LEASE_DURATION", "4s",
        "EBB_RENEW_DEADLINE", "3s",
        "EBB_RETRY_PERIOD", "1s",
        "EBB_EXIT_ON_LOST_LEASE", "false",
        "EBB_STATUS_FIGURES_INTERVAL", "0s"));
  }

  /** Writes each instance sent since the last look, other than its leader-election calls. */
  private Map<String, List<String>> writesByInstance() throws InterruptedException {
    Map<String, List<String>> writes = new HashMap<>(Map.of("a", new ArrayList<>(), "b", new ArrayList<>()));
    RecordedRequest request;
    while ((request = server.takeRequest(100, TimeUnit.MILLISECONDS)) != null) {
      String agent = request.getHeader("User-Agent");
      if (agent == null || !agent.startsWith(AGENT) || request.getMethod().equals("GET")
          || request.getPath().contains("/leases") || request.getPath().contains("/selfsubjectrulesreviews")) {
        continue;
      }
      writes.get(agent.substring(AGENT.length())).add(request.getMethod() + " " + request.getPath());
    }
    return writes;
  }

  private String holder() {
    Lease lease = client.leases().inNamespace(LEASE_NS).withName("ebb-operator").get();
    return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
  }

  private int port(String identity) {
    return operators.get(identity).httpPort();
  }

  private double reconciles(String identity) {
    return operators.get(identity).registry().find("operator.sdk.reconciliations.started").counters().stream()
        .mapToDouble(Counter::count).sum();
  }

  private Deployment deployment() {
    return client.apps().deployments().inNamespace(NS).withName("mailer").get();
  }

  private WorkerPool status() {
    return client.resources(WorkerPool.class).inNamespace(NS).withName("mailer").get();
  }

  private void editPool(java.util.function.UnaryOperator<WorkerPool> edit) {
    await().atMost(Duration.ofSeconds(10)).ignoreException(KubernetesClientException.class).until(() -> {
      client.resource(edit.apply(status())).update();
      return true;
    });
  }
}
