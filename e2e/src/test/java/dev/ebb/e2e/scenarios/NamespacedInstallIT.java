package dev.ebb.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ebb.controlplane.Kubectl;
import dev.ebb.e2e.cluster.EndToEnd;
import dev.ebb.e2e.cluster.OperatorProcess;
import dev.ebb.e2e.support.Figures;
import dev.ebb.e2e.support.JobLedger;
import dev.ebb.e2e.support.TestPool;
import dev.ebb.redis.RedisProcess;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The namespaced install ({@code overlays/namespaced}: the install without its ClusterRoleBinding, a RoleBinding per
 * watched namespace, {@code EBB_WATCH_NAMESPACES} to match) on a real API server: the ServiceAccount may act in
 * team-a and team-b and nowhere else, the operator scales a pool in team-a with no request refused, and a pool in
 * team-c is never touched. The suite's cluster-wide install is put back afterwards.
 */
class NamespacedInstallIT {

  private static final String SUBJECT = "system:serviceaccount:ebb-system:ebb-operator";
  private static final List<String> NAMESPACES = List.of("team-a", "team-b", "team-c");
  private static final String LEASE = "ebb-operator";
  private static final String NAMESPACED_LEASE = "ebb-operator-namespaced";

  private static EndToEnd cluster;
  private static RedisProcess redis;
  private static OperatorProcess operator;
  private static String watched;

  @BeforeAll
  static void installNamespaced() {
    cluster = EndToEnd.cluster();
    NAMESPACES.forEach(cluster::namespace);
    Kubectl kubectl = cluster.kubectl();
    String rendered = kubectl.run(null, "kustomize", overlay().toString());
    kubectl.run(rendered, "apply", "-f", "-");
    // an apply never removes what the earlier install created: the upgrade note in the overlay says to delete it
    kubectl.run(null, "delete", "clusterrolebinding", "ebb-operator");
    watched = watchNamespaces(rendered);
    redis = RedisProcess.startOnFreePort();
    // its own Lease: what this class proves is the namespaced grants, and a holder of the suite's Lease that an
    // earlier class left behind must not keep it waiting (whoever that is gets printed, to be found)
    System.out.println("[e2e] NamespacedInstallIT: Lease ebb-system/ebb-operator held by " + leaseHolder(LEASE)
        + "; operators still running: " + cluster.operators().stream().filter(OperatorProcess::isAlive)
        .map(OperatorProcess::name).toList());
    operator = cluster.startOperator("namespaced", Map.of("EBB_WATCH_NAMESPACES", watched,
        "EBB_LEASE_NAME", NAMESPACED_LEASE));
    try {
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
          .until(() -> operator.identity().equals(leaseHolder(NAMESPACED_LEASE)));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("the namespaced operator did not lead within 60 s; Lease held by "
          + leaseHolder(NAMESPACED_LEASE) + "; operator " + (operator.isAlive() ? "alive" : "exited")
          + ", its log ends:\n" + operator.tail(40), e);
    }
  }

  @AfterAll
  static void restoreClusterWideInstall() {
    try {
      if (operator != null) {
        operator.close();
        assertThat(operator.forbiddenLines()).as("requests refused, see %s", operator.log()).isEmpty();
        assertThat(operator.stackTraceLines()).as("stack traces in %s", operator.log()).isEmpty();
      }
    } finally {
      Kubectl kubectl = cluster.kubectl();
      kubectl.run(kubectl.run(null, "kustomize", System.getProperty("ebb.manifests")), "apply", "-f", "-");
      NAMESPACES.forEach(ns -> cluster.admin().namespaces().withName(ns).delete());
      await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() ->
          NAMESPACES.stream().allMatch(ns -> cluster.admin().namespaces().withName(ns).get() == null));
      if (redis != null) {
        redis.close();
      }
    }
  }

  @Test
  void theOverlayGrantsInTheWatchedNamespacesOnly() {
    assertThat(watched).isEqualTo("team-a,team-b");
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      assertThat(canI("delete", "pods", "-n", "team-a")).isTrue();
      assertThat(canI("list", "workerpools.ebb.dev", "-n", "team-b")).isTrue();
      assertThat(canI("get", "secrets", "-n", "team-c")).isFalse();
      assertThat(canI("list", "pods", "--all-namespaces")).isFalse();
      assertThat(canI("list", "workerpools.ebb.dev", "--all-namespaces")).isFalse();
    });
  }

  @Test
  void aPoolInAWatchedNamespaceScalesAndOneElsewhereIsNeverTouched() {
    TestPool ignored = new TestPool(cluster.admin(), "team-c", "elsewhere").create(spec("team-c", "elsewhere"));
    TestPool pool = new TestPool(cluster.admin(), "team-a", "mailer").create(spec("team-a", "mailer"));
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> pool.deployment().isPresent()
          && pool.condition("Ready").equals("True/ScaledToZero"));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("the pool in team-a was not reconciled to zero within 60 s: " + pool.explain()
          + "\nLease holder: " + leaseHolder(NAMESPACED_LEASE) + "\noperator "
          + (operator.isAlive() ? "alive" : "exited") + ", its log ends:\n" + operator.tail(40), e);
    }

    try (JobLedger jobs = new JobLedger(redis, "mailer")) {
      Instant burst = Instant.now();
      jobs.enqueue(300, 50);
      await().atMost(Duration.ofSeconds(60)).until(() -> pool.deploymentReplicas() == 2);
      Figures.record("NamespacedInstallIT", "300 jobs -> 2 replicas in team-a in "
          + Figures.seconds(Duration.between(burst, Instant.now())));
      await().atMost(Duration.ofSeconds(120)).until(() -> jobs.counts().accountedFor() == 300);
    }

    assertThat(ignored.deployment()).isEmpty();
    assertThat(ignored.get().getStatus().getConditions()).as("a pool outside the watched namespaces: no status")
        .isEmpty();
    assertThat(ignored.get().getStatus().getDesiredReplicas()).isNull();
    assertThat(ignored.events()).isEmpty();
  }

  private static String spec(String namespace, String name) {
    return TestPool.yaml(namespace, name, """
          replicas: {min: 0, max: 2}
          queue:
            redis: {address: "redis://127.0.0.1:%d/0", queue: %s}
          scaling:
            pollingInterval: 1s
            maxQueueLatency: 5s
            jobsPerReplica: 50
            scaleToZeroAfter: 10s
          workers: {concurrency: 5, shutdownGracePeriod: 10s}
        """.formatted(redis.port(), name));
  }

  private static String leaseHolder(String name) {
    Lease lease = cluster.admin().resources(Lease.class).inNamespace("ebb-system").withName(name).get();
    return lease == null || lease.getSpec() == null ? "no Lease" : String.valueOf(lease.getSpec().getHolderIdentity());
  }

  private static boolean canI(String... question) {
    String[] args = new String[question.length + 4];
    args[0] = "auth";
    args[1] = "can-i";
    System.arraycopy(question, 0, args, 2, question.length);
    args[args.length - 2] = "--as";
    args[args.length - 1] = SUBJECT;
    return cluster.kubectl().tryRun(null, args).output().trim().startsWith("yes");
  }

  private static Path overlay() {
    return Path.of(System.getProperty("ebb.manifests")).resolveSibling("overlays").resolve("namespaced");
  }

  private static String watchNamespaces(String rendered) {
    Matcher found = Pattern.compile("name: EBB_WATCH_NAMESPACES\\s+value: (\\S+)").matcher(rendered);
    assertThat(found.find()).as("the overlay sets EBB_WATCH_NAMESPACES").isTrue();
    return found.group(1);
  }
}
