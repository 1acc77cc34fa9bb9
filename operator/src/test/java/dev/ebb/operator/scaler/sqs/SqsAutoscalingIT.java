package dev.ebb.operator.scaler.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.api.v1alpha1.SqsQueueSpec;
import dev.ebb.api.v1alpha1.WorkerPool;
import dev.ebb.operator.TestingClock;
import dev.ebb.operator.autoscale.QueueSignals;
import dev.ebb.operator.network.QueueNetworks;
import dev.ebb.operator.scaler.BackendSettings;
import dev.ebb.operator.scaler.Credentials;
import dev.ebb.operator.scaler.QueueReading;
import dev.ebb.operator.scaler.QueueScaler;
import dev.ebb.operator.scaler.ScalerException;
import dev.ebb.operator.scaling.FailedMeasurement;
import dev.ebb.operator.scaling.Measurement;
import dev.ebb.operator.scaling.ScalingDecision;
import dev.ebb.operator.scaling.ScalingPolicy;
import dev.ebb.operator.scaling.ScalingReason;
import dev.ebb.operator.scaling.ScalingSettings;
import dev.ebb.operator.scaling.ScalingState;
import dev.ebb.operator.scaling.WorkerPoolScalingSettings;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * An autoscaling run on an SQS queue: the pool of {@code manifests/examples/sqs.yaml} (min 0, max 30, 50 jobs per
 * replica, the default 5 m scale-down window, to zero after 10 m idle) sized from real readings of a queue on ElasticMQ,
 * with the decision path the operator's loop takes ({@link QueueSignals} -> {@link ScalingPolicy}) and its replicas
 * written to the pool's Deployment on the mock API server. The operator's own loop picks scalers from
 * {@code ScalerRegistry}, which reads only {@code spec.queue.redis} until the backends are wired into it; time is a
 * {@link TestingClock} moved one polling interval a step.
 */
@EnableKubernetesMockClient(crud = true)
class SqsAutoscalingIT {

  private static final String NS = "shop";
  private static final Duration STALE_AFTER = Duration.ofSeconds(60);
  private static final Credentials KEY = Credentials.of(Map.of(SqsBackend.ACCESS_KEY_ID, "AKIAEBB",
      SqsBackend.SECRET_ACCESS_KEY, "secret"));

  KubernetesClient client;

  private final TestingClock clock = new TestingClock(Instant.parse("2026-12-02T10:00:00Z"));
  private final ScalingPolicy policy = new ScalingPolicy();
  private ElasticMq sqs;
  private SqsBackend backend;
  private QueueScaler scaler;
  private ScalingSettings settings;
  private String url;
  private ScalingState state = ScalingState.initial();
  private Optional<QueueReading> previous = Optional.empty();
  private ScalingDecision last;
  private ScalerException lastFailure;

  @BeforeEach
  void start() throws IOException {
    sqs = ElasticMq.start();
    url = sqs.createQueue("invoices");
    WorkerPool pool = example();
    SqsQueueSpec block = pool.getSpec().getQueue().getSqs();
    block.setQueueUrl(url);
    block.setEndpoint(sqs.endpoint());
    block.setRegion(ElasticMq.REGION);
    settings = WorkerPoolScalingSettings.from(pool.getSpec());
    backend = new SqsBackend(new BackendSettings(Duration.ofSeconds(1), 4, QueueNetworks.anywhere(), clock));
    scaler = backend.create(block, KEY);
    client.resource(new DeploymentBuilder().withNewMetadata().withName("invoices").withNamespace(NS).endMetadata()
        .withNewSpec().withReplicas(0).endSpec().build()).create();
  }

  @AfterEach
  void stop() {
    scaler.close();
    backend.close();
    sqs.close();
  }

  @Test
  void aBurstScalesThePoolUpAndADrainedQueueScalesItBackDownToZero() {
    assertThat(settings.jobsPerReplica()).as("the example's sizing").isEqualTo(50);
    assertThat(poll()).as("an empty queue keeps a pool of min 0 at zero").isZero();

    send(1_000);
    assertThat(poll()).as("ceil(1000 visible / 50 jobs per replica)").isEqualTo(20);
    assertThat(last.reason()).isNotEqualTo(ScalingReason.MEASUREMENT_FAILED);

    List<Message> taken = receive(250);
    assertThat(poll()).as("750 waiting need 15, but 250 in flight at concurrency 10 hold a floor of 25")
        .isEqualTo(25);

    delete(taken);
    delete(receive(750));
    List<Integer> replicas = new ArrayList<>();
    for (Duration idle = Duration.ZERO; idle.compareTo(Duration.ofMinutes(11)) <= 0; idle = idle.plusSeconds(30)) {
      replicas.add(poll(Duration.ofSeconds(30)));
    }
    assertThat(replicas.subList(0, 9)).as("drained: the first 4 1/2 minutes hold 25 (5 m window)")
        .containsOnly(25);
    assertThat(replicas.get(replicas.size() - 1)).as("idle past scaleToZeroAfter (10 m): zero").isZero();
    assertThat(replicas).as("never up again while drained").isSortedAccordingTo((a, b) -> Integer.compare(b, a));
  }

  @Test
  void anUnreachableQueueHoldsTheReplicasItHas() {
    send(400);
    assertThat(poll()).isEqualTo(8);

    sqs.close();

    for (int i = 0; i < 5; i++) {
      assertThat(poll()).as("a missing signal is not an empty queue").isEqualTo(8);
    }
    assertThat(lastFailure.kind()).isEqualTo(ScalerException.Kind.UNREACHABLE);
    assertThat(last.reason()).as("after 3 failures, with no fallback replicas set: hold").isEqualTo(
        ScalingReason.FALLBACK);
  }

  /** One turn of the loop after one polling interval: measure, observe, decide, write the Deployment's replicas. */
  private int poll() {
    return poll(settings.pollingInterval());
  }

  private int poll(Duration after) {
    clock.advance(after);
    Measurement measurement;
    try {
      QueueReading reading = scaler.measure();
      measurement = QueueSignals.observe(previous, reading, STALE_AFTER);
      previous = Optional.of(reading);
    } catch (ScalerException e) {
      lastFailure = e;
      measurement = new FailedMeasurement(e.getMessage());
    }
    last = policy.decide(settings, deployment().getSpec().getReplicas(), measurement, state, clock.instant());
    state = last.nextState();
    client.apps().deployments().inNamespace(NS).withName("invoices").edit(d -> {
      d.getSpec().setReplicas(last.desiredReplicas());
      return d;
    });
    return deployment().getSpec().getReplicas();
  }

  private Deployment deployment() {
    return client.apps().deployments().inNamespace(NS).withName("invoices").get();
  }

  private void send(int count) {
    for (int batch = 0; batch < count / 10; batch++) {
      int first = batch * 10;
      sqs.client().sendMessageBatch(b -> b.queueUrl(url).entries(IntStream.range(first, first + 10)
          .mapToObj(i -> SendMessageBatchRequestEntry.builder().id("m" + i).messageBody("invoice " + i).build())
          .toList()));
    }
  }

  private List<Message> receive(int count) {
    List<Message> received = new ArrayList<>();
    while (received.size() < count) {
      int want = Math.min(10, count - received.size());
      received.addAll(sqs.client().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(want)).messages());
    }
    return received;
  }

  private void delete(List<Message> done) {
    for (int from = 0; from < done.size(); from += 10) {
      List<Message> batch = done.subList(from, Math.min(done.size(), from + 10));
      sqs.client().deleteMessageBatch(b -> b.queueUrl(url).entries(IntStream.range(0, batch.size())
          .mapToObj(i -> DeleteMessageBatchRequestEntry.builder().id("d" + i)
              .receiptHandle(batch.get(i).receiptHandle()).build())
          .toList()));
    }
  }

  private static WorkerPool example() throws IOException {
    try (InputStream in = Files.newInputStream(Path.of("../manifests/examples/sqs.yaml"))) {
      return Serialization.unmarshal(in, WorkerPool.class);
    }
  }
}
