package dev.ebb.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ebb.api.v1alpha1.SecretKeyReference;
import dev.ebb.api.v1alpha1.WorkerPool;
import dev.ebb.operator.EbbOperator;
import dev.ebb.operator.TestOperators;
import dev.ebb.operator.WorkerPools;
import dev.ebb.operator.config.OperatorConfig;
import dev.ebb.operator.model.PoolLabels;
import dev.ebb.operator.security.LogCapture;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import dev.ebb.redis.RedisProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ClientType;
import redis.clients.jedis.params.ClientKillParams;

@EnableKubernetesMockClient(crud = true)
class WorkerPoolReconcilerIT {

  private static final String NS = "shop";
  private static final Duration WAIT = Duration.ofSeconds(15);

  private static RedisProcess redis;

  KubernetesMockServer server;
  KubernetesClient client;
  private EbbOperator operator;

  @BeforeAll
  static void startRedis() {
    redis = RedisProcess.startOnFreePort();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @BeforeEach
  void startOperator() throws Exception {
    operator = TestOperators.startWithCrd(client);
  }

  @AfterEach
  void stopOperator() {
    if (operator != null) {
      operator.close();
    }
  }

  @Test
  void newPoolGetsADeploymentWithTemplateEnvGracePeriodReplicasStrategyAndOwner() {
    WorkerPool pool = WorkerPools.valid(NS, "mailer", redis.uri());
    pool.getSpec().getWorkers().setShutdownGracePeriod("60s");
    pool.getSpec().getRollout().setMaxUnavailable(new io.fabric8.kubernetes.api.model.IntOrString(1));
    WorkerPool created = client.resource(pool).create();

    Deployment deployment = awaitDeployment("mailer", d -> true);

    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
    assertThat(deployment.getSpec().getSelector().getMatchLabels()).containsEntry(PoolLabels.POOL, "mailer");
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry("app", "mailer").containsEntry(PoolLabels.POOL, "mailer");
    assertThat(deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds()).isEqualTo(60L);
    assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
    assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).isEqualTo(1);
    assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxSurge().getStrVal()).isEqualTo("25%");
    var owner = deployment.getMetadata().getOwnerReferences();
    assertThat(owner).hasSize(1);
    assertThat(owner.get(0).getUid()).isEqualTo(created.getMetadata().getUid());
    assertThat(owner.get(0).getController()).isTrue();
    assertThat(owner.get(0).getBlockOwnerDeletion()).isTrue();
    assertThat(owner.get(0).getKind()).isEqualTo("WorkerPool");

    List<EnvVar> env = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
    assertThat(env).extracting(EnvVar::getName).contains("LOG_LEVEL", "EBB_POOL", "EBB_POD_NAME",
        "EBB_SHUTDOWN_TIMEOUT", "EBB_REDIS_URL", "EBB_QUEUE", "EBB_CONCURRENCY");
    assertThat(value(env, "EBB_POOL")).isEqualTo("mailer");
    assertThat(value(env, "EBB_SHUTDOWN_TIMEOUT")).isEqualTo("55s");
    assertThat(value(env, "EBB_SHUTDOWN_TIMEOUT_SECONDS")).as("for sidekiq -t and the like").isEqualTo("55");
    assertThat(env.stream().filter(e -> e.getName().equals("EBB_POD_NAME")).findFirst().orElseThrow()
        .getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");

    WorkerPool reported = awaitPool("mailer", p -> p.getStatus() != null && p.getStatus().getDesiredReplicas() != null);
    assertThat(reported.getStatus().getObservedGeneration()).isEqualTo(reported.getMetadata().getGeneration());
    assertThat(reported.getStatus().getDesiredReplicas()).isEqualTo(2);
    assertThat(condition(reported, "Ready").getReason()).isEqualTo("WorkersStarting");
    assertThat(events("mailer")).extracting(Event::getReason).contains("DeploymentCreated");
  }

  @Test
  void aTemplateChangeUpdatesTheDeployment() {
    client.resource(WorkerPools.valid(NS, "mailer", redis.uri())).create();
    awaitDeployment("mailer", d -> true);

    editPool("mailer", p -> {
      p.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("ghcr.io/ebb-dev/ebb-worker:0.2.0");
      return p;
    });

    Deployment updated = awaitDeployment("mailer", d -> d.getSpec().getTemplate().getSpec().getContainers().get(0)
        .getImage().endsWith(":0.2.0"));
    assertThat(value(updated.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv(), "EBB_POOL"))
        .isEqualTo("mailer");
    await().atMost(WAIT).untilAsserted(() ->
        assertThat(events("mailer")).extracting(Event::getReason).contains("TemplateUpdated"));
  }

  @Test
  void aMinMaxChangeMovesReplicasIntoRange() {
    client.resource(WorkerPools.valid(NS, "mailer", redis.uri())).create();
    awaitDeployment("mailer", d -> d.getSpec().getReplicas() == 2);

    editPool("mailer", p -> {
      p.getSpec().getReplicas().setMin(4);
      return p;
    });
    awaitDeployment("mailer", d -> d.getSpec().getReplicas() == 4);

    editPool("mailer", p -> {
      p.getSpec().getReplicas().setMin(1);
      p.getSpec().getReplicas().setMax(3);
      return p;
    });
    awaitDeployment("mailer", d -> d.getSpec().getReplicas() == 3);
    assertThat(awaitPool("mailer", p -> p.getStatus().getDesiredReplicas() == 3).getStatus().getObservedGeneration())
        .isEqualTo(client.resources(WorkerPool.class).inNamespace(NS).withName("mailer").get()
            .getMetadata().getGeneration());
  }

  @Test
  void theRestartAnnotationChangesTheTemplateOnce() {
    client.resource(WorkerPools.valid(NS, "mailer", redis.uri())).create();
    awaitDeployment("mailer", d -> true);

    editPool("mailer", p -> {
      p.getMetadata().setAnnotations(Map.of(WorkerPool.RESTARTED_AT_ANNOTATION, "2026-11-28T10:00:00Z"));
      return p;
    });

    Deployment restarted = awaitDeployment("mailer", d -> "2026-11-28T10:00:00Z".equals(
        d.getSpec().getTemplate().getMetadata().getAnnotations().get(WorkerPool.RESTARTED_AT_ANNOTATION)));
    String version = restarted.getMetadata().getResourceVersion();

    // a later reconcile for an unrelated reason (a label on the pool) leaves the template alone
    editPool("mailer", p -> {
      p.getMetadata().getLabels().put("team", "mail");
      return p;
    });
    awaitPool("mailer", p -> p.getMetadata().getLabels().containsKey("team"));
    assertDeploymentStays("mailer", version);
  }

  @Test
  void aKubectlRolloutRestartAnnotationSurvivesReconciles() {
    client.resource(WorkerPools.valid(NS, "mailer", redis.uri())).create();
    awaitDeployment("mailer", d -> true);

    client.apps().deployments().inNamespace(NS).withName("mailer").edit(d -> {
      d.getSpec().getTemplate().getMetadata().getAnnotations()
          .put(PoolLabels.KUBECTL_RESTARTED_AT, "2026-11-28T11:00:00Z");
      return d;
    });
    // the pool's template changes too, which makes Ebb rewrite the Deployment's template
    editPool("mailer", p -> {
      p.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("ghcr.io/ebb-dev/ebb-worker:0.3.0");
      p.getSpec().getReplicas().setMin(3);
      return p;
    });

    Deployment after = awaitDeployment("mailer", d -> d.getSpec().getReplicas() == 3
        && d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage().endsWith(":0.3.0"));
    assertThat(after.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry(PoolLabels.KUBECTL_RESTARTED_AT, "2026-11-28T11:00:00Z");
  }

  @Test
  void anOperatorStoppedAndStartedAgainConvergesWithoutDuplicates() throws Exception {
    client.resource(WorkerPools.valid(NS, "mailer", redis.uri())).create();
    client.resource(WorkerPools.valid(NS, "billing", redis.uri())).create();
    awaitDeployment("mailer", d -> true);
    awaitDeployment("billing", d -> true);
    operator.close();

    editPool("mailer", p -> {
      p.getSpec().getReplicas().setMin(5);
      return p;
    });
    operator = startEbb();

    awaitDeployment("mailer", d -> d.getSpec().getReplicas() == 5);
    assertThat(client.apps().deployments().inNamespace(NS).list().getItems())
        .extracting(d -> d.getMetadata().getName()).containsExactlyInAnyOrder("mailer", "billing");
    assertThat(events("mailer")).filteredOn(e -> e.getReason().equals("DeploymentCreated")).hasSize(1);
  }

  @Test
  void statusIsNotWrittenWhenNothingChanged() {
    WorkerPool pool = WorkerPools.valid(NS, "mailer", redis.uri());
    pool.getSpec().getScaling().setPollingInterval("1s");
    client.resource(pool).create();
    // settled: two polls seen, so the rates are known; from then on an idle queue changes nothing
    WorkerPool settled = awaitPool("mailer", p -> p.getStatus() != null && p.getStatus().getQueue() != null
        && p.getStatus().getQueue().getArrivalRate() != null);

    await().pollDelay(Duration.ofSeconds(4)).atMost(WAIT).untilAsserted(() ->
        assertThat(pool("mailer").getMetadata().getResourceVersion())
            .isEqualTo(settled.getMetadata().getResourceVersion()));
  }

  @Test
  void aTemplateWithoutContainersIsReportedAndTheLastGoodDeploymentKeepsRunning() {
    client.resource(WorkerPools.valid(NS, "mailer", redis.uri())).create();
    Deployment good = awaitDeployment("mailer", d -> true);

    editPool("mailer", p -> {
      p.getSpec().getTemplate().getSpec().setContainers(List.of());
      return p;
    });

    WorkerPool reported = awaitPool("mailer", p -> hasReadyReason(p, "NoContainers"));
    assertThat(condition(reported, "Ready").getStatus()).isEqualTo("False");
    assertThat(condition(reported, "Ready").getMessage()).contains("containers");
    await().atMost(WAIT).untilAsserted(() -> assertThat(events("mailer"))
        .anySatisfy(e -> {
          assertThat(e.getType()).isEqualTo("Warning");
          assertThat(e.getReason()).isEqualTo("NoContainers");
        }));
    assertDeploymentStays("mailer", good.getMetadata().getResourceVersion());
  }

  @Test
  void aQueueAddressOutsideTheAllowedOnesIsNeverContacted() throws Exception {
    operator.close();
    operator = EbbOperator.start(OperatorConfig.from(Map.of("EBB_HTTP_PORT", "0", "EBB_INVALID_SPEC_RETRY", "2s",
        "EBB_ALLOWED_QUEUE_ADDRESSES", "10.0.0.0/8, *.svc.cluster.local")), client);
    try (Jedis watcher = new Jedis(redis.host(), redis.port())) {
      long connectionsBefore = connectionsReceived(watcher);
      client.resource(WorkerPools.valid(NS, "mailer", redis.uri())).create();

      WorkerPool refused = awaitPool("mailer", p -> hasReadyReason(p, "AddressNotAllowed"));
      assertThat(refused.getStatus().getConditions()).filteredOn(c -> c.getType().equals("Ready")).singleElement()
          .satisfies(c -> assertThat(c.getMessage()).contains("127.0.0.1").contains("EBB_ALLOWED_QUEUE_ADDRESSES"));
      await().pollDelay(Duration.ofSeconds(3)).atMost(WAIT).untilAsserted(() -> {
        assertThat(client.apps().deployments().inNamespace(NS).withName("mailer").get()).isNull();
        assertThat(connectionsReceived(watcher)).as("connections to the refused address").isEqualTo(connectionsBefore);
      });
    }
  }

  private static long connectionsReceived(Jedis redis) {
    return redis.info("stats").lines().filter(l -> l.startsWith("total_connections_received:"))
        .map(l -> Long.parseLong(l.substring(l.indexOf(':') + 1).trim())).findFirst().orElseThrow();
  }

  @Test
  void aMissingOrUnlabelledSecretIsReportedAlikeThenPickedUpOnceLabelled() {
    WorkerPool pool = WorkerPools.valid(NS, "mailer", redis.uri());
    pool.getSpec().getQueue().getRedis().setPasswordFrom(new SecretKeyReference("redis", "password"));
    client.resource(pool).create();

    String missing = awaitPool("mailer", p -> hasReadyReason(p, "SecretNotAvailable")).getStatus().getConditions()
        .stream().filter(c -> c.getType().equals("Ready")).findFirst().orElseThrow().getMessage();
    assertThat(missing).contains("label ebb.dev/queue-credentials=true");
    assertThat(client.apps().deployments().inNamespace(NS).withName("mailer").get()).isNull();
    await().atMost(WAIT).untilAsserted(() -> assertThat(events("mailer"))
        .anySatisfy(e -> assertThat(e.getReason()).isEqualTo("SecretNotAvailable")));

    // present, with the key, but not labelled for Ebb: the same message, so it tells nothing about what exists
    client.resource(new SecretBuilder().withNewMetadata().withName("redis").withNamespace(NS).endMetadata()
        .addToStringData("password", "s3cr3t-value").build()).create();
    await().pollDelay(Duration.ofSeconds(2)).atMost(WAIT).untilAsserted(() -> {
      assertThat(client.apps().deployments().inNamespace(NS).withName("mailer").get()).isNull();
      assertThat(pool("mailer").getStatus().getConditions()).filteredOn(c -> c.getType().equals("Ready"))
          .singleElement().satisfies(c -> assertThat(c.getMessage()).isEqualTo(missing));
    });

    client.secrets().inNamespace(NS).withName("redis").edit(s -> new SecretBuilder(s).editMetadata()
        .addToLabels("ebb.dev/queue-credentials", "true").endMetadata().build());

    Deployment deployment = awaitDeployment("mailer", d -> true);
    EnvVar password = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
        .filter(e -> e.getName().equals("EBB_REDIS_PASSWORD")).findFirst().orElseThrow();
    assertThat(password.getValue()).isNull();
    assertThat(password.getValueFrom().getSecretKeyRef().getName()).isEqualTo("redis");
    assertThat(password.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("password");
    assertThat(client.apps().deployments().inNamespace(NS).withName("mailer").get().toString())
        .doesNotContain("s3cr3t-value");
  }

  @Test
  void aRotatedPasswordIsReadAgainAsSoonAsTheQueueRefusesTheOldOne() {
    try (RedisProcess secured = RedisProcess.onFreePort(List.of("--requirepass", "first-pass"))) {
      secured.start();
      client.resource(new SecretBuilder().withNewMetadata().withName("redis").withNamespace(NS)
          .addToLabels("ebb.dev/queue-credentials", "true").endMetadata()
          .addToStringData("password", "first-pass").build()).create();
      WorkerPool pool = WorkerPools.valid(NS, "mailer", secured.uri());
      pool.getSpec().getQueue().getRedis().setPasswordFrom(new SecretKeyReference("redis", "password"));
      client.resource(pool).create();
      awaitPool("mailer", p -> hasReason(p, "Fallback", "QueueMeasured"));

      // rotated the way an operator team does it: the server and the Secret, then every old connection is dropped
      try (Jedis admin = new Jedis(secured.host(), secured.port())) {
        admin.auth("first-pass");
        admin.configSet("requirepass", "second-pass");
        client.secrets().inNamespace(NS).withName("redis").edit(s -> new SecretBuilder(s).withData(null)
            .withStringData(Map.of("password", "second-pass")).build());
        admin.clientKill(new ClientKillParams().type(ClientType.NORMAL).skipMe(ClientKillParams.SkipMe.YES));
      }

      // refused once, then measured again well before the 60 s a value is kept: the refusal itself sends the
      // operator back to the Secret
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(events("mailer"))
          .extracting(Event::getReason).contains("QueueNotMeasured", "QueueMeasuredAgain"));
      assertThat(events("mailer")).filteredOn(e -> e.getReason().equals("QueueNotMeasured")).singleElement()
          .satisfies(e -> assertThat(e.getMessage()).contains("AuthenticationFailed"));
      awaitPool("mailer", p -> hasReason(p, "Fallback", "QueueMeasured"));
    }
  }

  @Test
  void anInvalidAddressIsReportedWithoutItsCredentials() {
    WorkerPool pool = WorkerPools.valid(NS, "mailer", redis.uri());
    pool.getSpec().getQueue().getRedis().setAddress("redis://admin:hunter2@redis:6379");
    client.resource(pool).create();

    WorkerPool reported = awaitPool("mailer", p -> hasReadyReason(p, "InvalidAddress"));
    assertThat(condition(reported, "Ready").getMessage()).contains("redis://").doesNotContain("hunter2");
    await().atMost(WAIT).untilAsserted(() -> assertThat(events("mailer"))
        .anySatisfy(e -> assertThat(e.getReason()).isEqualTo("InvalidAddress")));
    assertThat(events("mailer")).noneSatisfy(e -> assertThat(e.getMessage()).contains("hunter2"));
    assertThat(client.apps().deployments().inNamespace(NS).withName("mailer").get()).isNull();
  }

  @Test
  void anInvalidPoolIsNotRetriedInAHotLoop() {
    WorkerPool pool = WorkerPools.valid(NS, "mailer", redis.uri());
    pool.getSpec().getTemplate().getSpec().setContainers(List.of());
    client.resource(pool).create();
    awaitPool("mailer", p -> hasReadyReason(p, "NoContainers"));

    // the invalid-spec retry in these tests is 2s: over 5s at most a few more looks, one Warning in all
    await().pollDelay(Duration.ofSeconds(5)).atMost(WAIT).untilAsserted(() ->
        assertThat(events("mailer")).filteredOn(e -> e.getReason().equals("NoContainers")).hasSize(1));
  }

  @Test
  void aForeignDeploymentWithThePoolsSelectorIsLeftUnchangedAndReportedOnce() throws Exception {
    Deployment foreign = foreignDeployment(Map.of(PoolLabels.POOL, "mailer"), Map.of());

    client.resource(WorkerPools.valid(NS, "mailer", redis.uri())).create();

    assertConflictReportedOnceAndDeploymentUnchanged(foreign);
  }

  @Test
  void aForeignDeploymentWithAnotherSelectorIsLeftUnchangedAndReportedOnce() throws Exception {
    Deployment foreign = foreignDeployment(Map.of("app", "mailer-web"), Map.of());

    client.resource(WorkerPools.valid(NS, "mailer", redis.uri())).create();

    assertConflictReportedOnceAndDeploymentUnchanged(foreign);
  }

  @Test
  void aDeploymentOfAnEarlierPoolOfTheSameNameIsNotAdoptedAndThePoolCreatesItsOwnOnceItIsGone() throws Exception {
    // Ebb's labels, so it reaches the pool through the informer cache, and a controller reference to another uid
    Deployment earlier = foreignDeployment(Map.of(PoolLabels.POOL, "mailer"), Map.of(
        PoolLabels.MANAGED_BY, PoolLabels.MANAGED_BY_VALUE, PoolLabels.POOL, "mailer"),
        new OwnerReferenceBuilder().withApiVersion("ebb.dev/v1alpha1").withKind("WorkerPool").withName("mailer")
            .withUid("uid-of-an-earlier-mailer").withController(true).withBlockOwnerDeletion(true).build());

    WorkerPool pool = client.resource(WorkerPools.valid(NS, "mailer", redis.uri())).create();
    assertConflictReportedOnceAndDeploymentUnchanged(earlier);

    client.resource(earlier).delete();
    Deployment own = awaitDeployment("mailer", d -> d.getMetadata().getOwnerReferences().stream()
        .anyMatch(o -> o.getUid().equals(pool.getMetadata().getUid())));
    assertThat(own.getMetadata().getOwnerReferences()).hasSize(1);
    awaitPool("mailer", p -> !hasReadyReason(p, "DeploymentConflict"));
  }

  @Test
  void aFailedReconcileIsReportedInOneShortSentenceAndLoggedInFull() {
    server.expect().post().withPath("/apis/apps/v1/namespaces/" + NS + "/deployments")
        .andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden").withStatus("Failure")
            .withMessage("deployments.apps is forbidden: User \"system:serviceaccount:ebb-system:ebb-operator\" "
                + "cannot create resource \"deployments\" in API group \"apps\" in the namespace \"shop\"")
            .withNewDetails().withGroup("apps").withKind("deployments").endDetails()
            .build())
        .always();
    try (LogCapture logs = new LogCapture()) {
      client.resource(WorkerPools.valid(NS, "mailer", redis.uri())).create();

      WorkerPool reported = awaitPool("mailer", p -> p.getStatus() != null && p.getStatus().getConditions().stream()
          .anyMatch(c -> c.getType().equals("Degraded") && "ReconcileFailed".equals(c.getReason())));
      assertThat(condition(reported, "Degraded").getMessage()).isEqualTo(
          "reconcile failed: the API server answered 403 Forbidden for deployments; see the operator log");
      assertThat(logs.text()).contains("shop/mailer: reconcile failed: the API server answered 403 Forbidden for "
          + "deployments; see the operator log; will retry").contains("cannot create resource");
    }
  }

  /**
   * The pool says DeploymentConflict with one sentence and one Warning event, looked at again a few times (the retry
   * in these tests is 2s) without writing anything: the Deployment is as it was, resourceVersion and all.
   */
  private void assertConflictReportedOnceAndDeploymentUnchanged(Deployment foreign) throws Exception {
    String message = "Deployment shop/mailer exists and is not owned by this WorkerPool; rename the pool or remove "
        + "the Deployment";
    WorkerPool reported = awaitPool("mailer", p -> hasReadyReason(p, "DeploymentConflict"));
    assertThat(condition(reported, "Ready").getStatus()).isEqualTo("False");
    assertThat(condition(reported, "Ready").getMessage()).isEqualTo(message);
    deploymentWrites();

    await().pollDelay(Duration.ofSeconds(5)).atMost(WAIT).untilAsserted(() ->
        assertThat(events("mailer")).singleElement().satisfies(e -> {
          assertThat(e.getType()).isEqualTo("Warning");
          assertThat(e.getReason()).isEqualTo("DeploymentConflict");
          assertThat(e.getMessage()).isEqualTo(message);
        }));
    Deployment after = client.apps().deployments().inNamespace(NS).withName("mailer").get();
    assertThat(after).isEqualTo(foreign);
    assertThat(after.getMetadata().getResourceVersion()).isEqualTo(foreign.getMetadata().getResourceVersion());
    // looked at again, not in a loop: a create that conflicts at most every retry or poll, nothing else written
    int writes = deploymentWrites();
    assertThat(writes).isBetween(0, 6);
    assertThat(hasReadyReason(pool("mailer"), "DeploymentConflict")).isTrue();
  }

  /** A Deployment someone else made under the name "mailer", with three replicas of an image that is not a worker. */
  private Deployment foreignDeployment(Map<String, String> selector, Map<String, String> labels,
      OwnerReference... owners) {
    return client.resource(new DeploymentBuilder()
        .withNewMetadata().withName("mailer").withNamespace(NS).withLabels(labels).withOwnerReferences(owners)
        .endMetadata()
        .withNewSpec()
          .withReplicas(3)
          .withNewSelector().withMatchLabels(selector).endSelector()
          .withNewTemplate()
            .withNewMetadata().withLabels(selector).endMetadata()
            .withNewSpec().addNewContainer().withName("web").withImage("registry.example/mailer-web:4.2").endContainer()
            .endSpec()
          .endTemplate()
        .endSpec()
        .build()).create();
  }

  /** Create, update and patch requests on Deployments since the last call (the mock server hands each out once). */
  private int deploymentWrites() throws InterruptedException {
    int writes = 0;
    RecordedRequest request;
    while ((request = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
      if (!request.getMethod().equals("GET") && request.getPath().startsWith("/apis/apps/v1/namespaces/" + NS
          + "/deployments")) {
        writes++;
      }
    }
    return writes;
  }

  private EbbOperator startEbb() throws Exception {
    return EbbOperator.start(TestOperators.config(), client);
  }

  private Deployment awaitDeployment(String name, java.util.function.Predicate<Deployment> condition) {
    return await().atMost(WAIT).until(
        () -> client.apps().deployments().inNamespace(NS).withName(name).get(),
        d -> d != null && condition.test(d));
  }

  private WorkerPool awaitPool(String name, java.util.function.Predicate<WorkerPool> condition) {
    return await().atMost(WAIT).until(() -> pool(name), p -> p != null && condition.test(p));
  }

  private void assertDeploymentStays(String name, String resourceVersion) {
    await().pollDelay(Duration.ofSeconds(3)).atMost(WAIT).untilAsserted(() ->
        assertThat(client.apps().deployments().inNamespace(NS).withName(name).get().getMetadata()
            .getResourceVersion()).isEqualTo(resourceVersion));
  }

  private WorkerPool pool(String name) {
    return client.resources(WorkerPool.class).inNamespace(NS).withName(name).get();
  }

  /**
   * Edits the pool as kubectl replace would: read, change, update with the read resourceVersion; on a conflict with
   * the operator's status write, read and try again. (The mock server loses some JSON Patch edits of resources with a
   * status subresource, so the test does not use edit().)
   */
  private void editPool(String name, UnaryOperator<WorkerPool> edit) {
    await().atMost(WAIT).ignoreException(KubernetesClientException.class).until(() -> {
      WorkerPool current = client.resources(WorkerPool.class).inNamespace(NS).withName(name).get();
      client.resource(edit.apply(current)).update();
      return true;
    });
  }

  private List<Event> events(String name) {
    return client.v1().events().inNamespace(NS).list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName())).toList();
  }

  private static boolean hasReadyReason(WorkerPool pool, String reason) {
    return pool.getStatus() != null && pool.getStatus().getConditions().stream()
        .anyMatch(c -> c.getType().equals("Ready") && reason.equals(c.getReason()));
  }

  private static boolean hasReason(WorkerPool pool, String type, String reason) {
    return pool.getStatus() != null && pool.getStatus().getConditions().stream()
        .anyMatch(c -> c.getType().equals(type) && reason.equals(c.getReason()));
  }

  private static Condition condition(WorkerPool pool, String type) {
    return pool.getStatus().getConditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
  }

  private static String value(List<EnvVar> env, String name) {
    return env.stream().filter(e -> e.getName().equals(name)).findFirst().map(EnvVar::getValue).orElse(null);
  }
}
