package dev.ebb.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ebb.e2e.cluster.EndToEnd;
import dev.ebb.e2e.cluster.OperatorProcess;
import dev.ebb.redis.RedisProcess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import redis.clients.jedis.JedisPooled;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What one scenario class works with: its own namespace, a private Redis, and one operator replica running as the
 * ServiceAccount with the shipped settings, started before the class's tests
 * ({@code @RegisterExtension static final Scenario scenario = Scenario.in("e2e-...")}). After them it stops the
 * operator (which releases the Lease for the next scenario), checks that the authorizer never refused it, and
 * deletes the namespace.
 */
public final class Scenario implements BeforeAllCallback, AfterAllCallback {

  private final String namespace;
  private final Map<String, String> operatorSettings;
  private EndToEnd cluster;
  private RedisProcess redis;
  private OperatorProcess operator;

  private Scenario(String namespace, Map<String, String> operatorSettings) {
    this.namespace = namespace;
    this.operatorSettings = operatorSettings;
  }

  public static Scenario in(String namespace) {
    return new Scenario(namespace, Map.of());
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    cluster = EndToEnd.cluster();
    cluster.namespace(namespace);
    redis = RedisProcess.startOnFreePort();
    operator = cluster.startOperator(namespace, operatorSettings);
  }

  public EndToEnd cluster() {
    return cluster;
  }

  public String namespace() {
    return namespace;
  }

  public RedisProcess redis() {
    return redis;
  }

  public OperatorProcess operator() {
    return operator;
  }

  public String redisAddress() {
    return "redis://127.0.0.1:" + redis.port() + "/0";
  }

  public TestPool pool(String name) {
    return new TestPool(cluster.admin(), namespace, name);
  }

  /**
   * Waits until the pool has {@code count} ready pods and the worker of each has published a heartbeat (it has
   * started, signal handlers and all: the hollow node reports a pod Ready as soon as its process starts); returns
   * their names.
   */
  public List<String> awaitBeatingWorkers(TestPool pool, int count) {
    await().atMost(Duration.ofSeconds(120)).until(() -> pool.readyReplicas() == count);
    try (JedisPooled jedis = new JedisPooled(redis.host(), redis.port())) {
      await().atMost(Duration.ofSeconds(60)).until(() -> jedis.zrange("ebb:{" + pool.queue() + "}:workers", 0, -1)
          .stream().map(id -> id.substring(0, id.indexOf(':'))).collect(Collectors.toSet())
          .containsAll(pool.livePods().stream().map(p -> p.getMetadata().getName()).toList()));
    }
    return pool.livePods().stream().map(p -> p.getMetadata().getName()).sorted().toList();
  }

  public JobLedger ledger(String queue) {
    return new JobLedger(redis, queue);
  }

  /**
   * Stops the operator, then deletes the namespace and waits until it is gone (its pools, Deployments and worker
   * pods with it), so that the next scenario's operator never sees a namespace being terminated.
   */
  @Override
  public void afterAll(ExtensionContext context) {
    if (operator == null) {
      return;
    }
    operator.close();
    try {
      List<String> forbidden = operator.forbiddenLines();
      assertThat(forbidden.size()).as("log lines where the API server refused the operator (%s), the first: %s",
          operator.log(), forbidden.stream().limit(1).map(l -> l.substring(0, Math.min(400, l.length()))).toList())
          .isZero();
      assertThat(operator.stackTraceLines()).as("stack traces in %s", operator.log()).isEmpty();
    } finally {
      cluster.admin().namespaces().withName(namespace).delete();
      await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
          .until(() -> cluster.admin().namespaces().withName(namespace).get() == null);
      if (redis != null) {
        redis.close();
      }
    }
  }
}
