package dev.ebb.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.e2e.cluster.EndToEnd;
import dev.ebb.e2e.cluster.OperatorProcess;
import dev.ebb.redis.RedisProcess;
import java.util.List;
import java.util.Map;

/**
 * What one scenario class works with: its own namespace, a private Redis, and one operator replica running as the
 * ServiceAccount with the shipped settings. Closing it stops the operator (which releases the Lease for the next
 * scenario), checks that the API server never said Forbidden to it, and deletes the namespace.
 */
public final class Scenario implements AutoCloseable {

  private final EndToEnd cluster;
  private final String namespace;
  private final RedisProcess redis;
  private final OperatorProcess operator;

  private Scenario(EndToEnd cluster, String namespace, RedisProcess redis, OperatorProcess operator) {
    this.cluster = cluster;
    this.namespace = namespace;
    this.redis = redis;
    this.operator = operator;
  }

  public static Scenario start(String namespace) {
    return start(namespace, Map.of());
  }

  public static Scenario start(String namespace, Map<String, String> operatorSettings) {
    EndToEnd cluster = EndToEnd.cluster();
    cluster.namespace(namespace);
    RedisProcess redis = RedisProcess.startOnFreePort();
    OperatorProcess operator = cluster.startOperator(namespace, operatorSettings);
    return new Scenario(cluster, namespace, redis, operator);
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

  public JobLedger ledger(String queue) {
    return new JobLedger(redis, queue);
  }

  @Override
  public void close() {
    operator.close();
    try {
      List<String> forbidden = operator.forbiddenLines();
      assertThat(forbidden.size()).as("log lines where the API server refused the operator (%s), the first: %s",
          operator.log(), forbidden.stream().limit(1).map(l -> l.substring(0, Math.min(400, l.length()))).toList())
          .isZero();
    } finally {
      cluster.admin().namespaces().withName(namespace).delete();
      redis.close();
    }
  }
}
