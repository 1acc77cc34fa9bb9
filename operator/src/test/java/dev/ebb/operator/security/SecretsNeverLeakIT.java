package dev.ebb.operator.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ebb.api.v1alpha1.SecretKeyReference;
import dev.ebb.api.v1alpha1.WorkerPool;
import dev.ebb.operator.EbbOperator;
import dev.ebb.operator.WorkerPools;
import dev.ebb.operator.config.OperatorConfig;
import dev.ebb.operator.health.Endpoint;
import dev.ebb.redis.RedisProcess;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Redis password reaches the operator only through the Secret a pool names, and leaves it only as that reference:
 * not in logs (captured at DEBUG), the pool's status, Events, the Deployment or the metrics, whether the password is
 * right, wrong, or written into the address.
 */
@EnableKubernetesMockClient(crud = true)
class SecretsNeverLeakIT {

  private static final String NS = "shop";
  private static final String PASSWORD = "ebb-S3cret-7f9c2e41";
  private static final String WRONG = "ebb-Wr0ng-9d1c55aa";
  private static final String IN_ADDRESS = "ebb-Addr3ss-b7e0f3c2";
  private static final Duration WAIT = Duration.ofSeconds(15);

  private static RedisProcess redis;

  KubernetesClient client;
  private EbbOperator operator;
  private LogCapture logs;

  @BeforeAll
  static void startRedis() {
    redis = RedisProcess.onFreePort(List.of("--requirepass", PASSWORD));
    redis.start();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @BeforeEach
  void start() throws Exception {
    logs = new LogCapture();
    client.apiextensions().v1().customResourceDefinitions()
        .load(getClass().getResourceAsStream("/META-INF/fabric8/workerpools.ebb.dev-v1.yml")).create();
    operator = EbbOperator.start(OperatorConfig.from(Map.of("EBB_HTTP_PORT", "0", "EBB_STATUS_FIGURES_INTERVAL", "0s",
        "EBB_INVALID_SPEC_RETRY", "2s")), client);
  }

  @AfterEach
  void stop() {
    if (operator != null) {
      operator.close();
    }
    logs.close();
  }

  @Test
  void theRightPasswordIsUsedAndAppearsOnlyAsASecretKeyRef() {
    secret("redis", PASSWORD);
    client.resource(pool("mailer", redis.uri(), "redis")).create();

    // measured: the operator authenticated with the password
    WorkerPool measured = awaitPool("mailer", p -> p.getStatus() != null && p.getStatus().getQueue() != null);
    assertThat(measured.getStatus().getQueue().getDepth()).isZero();
    Deployment deployment = awaitDeployment("mailer");
    EnvVar env = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
        .filter(e -> e.getName().equals("EBB_REDIS_PASSWORD")).findFirst().orElseThrow();
    assertThat(env.getValue()).isNull();
    assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo("redis");
    assertThat(env.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("password");

    assertNowhere(PASSWORD, "mailer");
  }

  @Test
  void aWrongPasswordFailsAuthenticationWithoutShowingEitherPassword() {
    secret("redis-wrong", WRONG);
    client.resource(pool("billing", redis.uri(), "redis-wrong")).create();

    WorkerPool failing = awaitPool("billing", p -> p.getStatus() != null && condition(p, "Fallback") != null
        && "MeasurementFailing".equals(condition(p, "Fallback").getReason()));
    assertThat(condition(failing, "Fallback").getMessage()).contains("credentials");
    await().atMost(WAIT).untilAsserted(() -> assertThat(logs.text()).contains("shop/billing: queue not measured"));
    awaitDeployment("billing");

    assertNowhere(WRONG, "billing");
    assertNowhere(PASSWORD, "billing");
  }

  @Test
  void aPasswordInTheAddressIsRejectedAndMasked() {
    String address = "redis://admin:" + IN_ADDRESS + "@127.0.0.1:" + redis.port() + "/0";
    client.resource(WorkerPools.valid(NS, "reports", address)).create();

    WorkerPool rejected = awaitPool("reports", p -> p.getStatus() != null && condition(p, "Ready") != null
        && "InvalidAddress".equals(condition(p, "Ready").getReason()));
    assertThat(condition(rejected, "Ready").getMessage()).contains("***");
    await().atMost(WAIT).untilAsserted(() -> assertThat(events("reports"))
        .anySatisfy(e -> assertThat(e.getMessage()).contains("***")));
    assertThat(client.apps().deployments().inNamespace(NS).withName("reports").get()).isNull();

    assertNowhere(IN_ADDRESS, "reports");
  }

  /**
   * The value is in no log line, status, Event, Deployment, metric or dashboard page; only the pool's spec (when typed
   * there).
   */
  private void assertNowhere(String value, String pool) {
    assertThat(logs.events()).isPositive();
    assertThat(logs.text()).doesNotContain(value);
    assertThat(client.getKubernetesSerialization().asJson(poolNamed(pool).getStatus())).doesNotContain(value);
    assertThat(client.v1().events().inAnyNamespace().list().getItems()).isNotEmpty()
        .allSatisfy(e -> assertThat(client.getKubernetesSerialization().asJson(e)).doesNotContain(value));
    assertThat(client.apps().deployments().inAnyNamespace().list().getItems())
        .allSatisfy(d -> assertThat(client.getKubernetesSerialization().asJson(d)).doesNotContain(value));
    assertThat(Endpoint.get(operator.httpPort(), "/metrics").body()).doesNotContain(value);
    assertThat(Endpoint.get(operator.httpPort(), "/readyz").body()).doesNotContain(value);
    Endpoint dashboard = Endpoint.get(operator.httpPort(), "/");
    assertThat(dashboard.body()).as("the dashboard lists the pool").contains("data-pool=\"" + NS + "/" + pool + "\"")
        .doesNotContain(value);
    assertThat(Endpoint.get(operator.httpPort(), "/pools/" + NS + "/" + pool).body()).doesNotContain(value);
  }

  private WorkerPool pool(String name, String address, String secret) {
    WorkerPool pool = WorkerPools.valid(NS, name, address);
    pool.getSpec().getQueue().getRedis().setPasswordFrom(new SecretKeyReference(secret, "password"));
    pool.getSpec().getScaling().setPollingInterval("1s");
    return pool;
  }

  private void secret(String name, String password) {
    client.resource(new SecretBuilder().withNewMetadata().withName(name).withNamespace(NS)
        .addToLabels("ebb.dev/queue-credentials", "true").endMetadata()
        .addToStringData("password", password).build()).create();
  }

  private WorkerPool awaitPool(String name, Predicate<WorkerPool> condition) {
    return await().atMost(WAIT).until(() -> poolNamed(name), p -> p != null && condition.test(p));
  }

  private Deployment awaitDeployment(String name) {
    return await().atMost(WAIT).until(() -> client.apps().deployments().inNamespace(NS).withName(name).get(),
        d -> d != null);
  }

  private WorkerPool poolNamed(String name) {
    return client.resources(WorkerPool.class).inNamespace(NS).withName(name).get();
  }

  private List<Event> events(String name) {
    return client.v1().events().inNamespace(NS).list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName())).toList();
  }

  private static Condition condition(WorkerPool pool, String type) {
    return pool.getStatus().getConditions() == null ? null : pool.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType())).findFirst().orElse(null);
  }
}
