package dev.ebb.operator.scaler.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.api.v1alpha1.WorkerPool;
import dev.ebb.api.v1alpha1.WorkerPoolStatus;
import dev.ebb.operator.TestingClock;
import dev.ebb.operator.autoscale.PoolSnapshot;
import dev.ebb.operator.autoscale.QueueSignals;
import dev.ebb.operator.event.PoolEvents;
import dev.ebb.operator.heartbeat.StaleVerdict;
import dev.ebb.operator.network.QueueNetworks;
import dev.ebb.operator.reconciler.ReplicaPlanner.ReplicaPlan;
import dev.ebb.operator.scaler.BackendSettings;
import dev.ebb.operator.scaler.Credentials;
import dev.ebb.operator.scaler.QueueReading;
import dev.ebb.operator.scaler.QueueScaler;
import dev.ebb.operator.scaling.PartitionCap;
import dev.ebb.operator.scaling.QueueObservation;
import dev.ebb.operator.scaling.ScalingDecision;
import dev.ebb.operator.scaling.ScalingPolicy;
import dev.ebb.operator.scaling.ScalingReason;
import dev.ebb.operator.scaling.ScalingSettings;
import dev.ebb.operator.scaling.ScalingState;
import dev.ebb.operator.scaling.WorkerPoolScalingSettings;
import dev.ebb.operator.status.ConditionEvents;
import dev.ebb.operator.status.ConditionType;
import dev.ebb.operator.status.Conditions;
import dev.ebb.operator.status.PoolStatusFactory;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A burst on a real Kafka topic scales a pool up, to its partition count and no further, and the drained topic scales
 * it back down. The operator's monitor reaches a backend through ScalerRegistry, which takes Redis only until the
 * backends are wired there; so this drives the same path the monitor and planner do, with readings from the real
 * scaler: {@link QueueSignals} -> {@link PartitionCap} -> {@link ScalingPolicy} -> {@link PoolStatusFactory} and
 * {@link ConditionEvents} (on the mock API server, for the events).
 */
@EnableKubernetesMockClient(crud = true)
class KafkaAutoscalingIT {

  private static final String POOL = """
      apiVersion: ebb.dev/v1alpha1
      kind: WorkerPool
      metadata: {name: order-consumers, namespace: shop, uid: 3f0c-kafka, generation: 1}
      spec:
        replicas: {min: 1, max: 10}
        queue:
          kafka: {bootstrapServers: "localhost:9092", topic: burst, consumerGroup: burst-workers}
        scaling: {jobsPerReplica: 100, scaleDown: {stabilizationWindow: 30s}}
        template:
          spec:
            containers:
              - {name: consumer, image: "ghcr.io/shop/order-consumer:3.4.0"}
      """;

  private static KafkaBroker broker;

  KubernetesClient client;

  private final TestingClock clock = new TestingClock(Instant.now());
  private final ScalingPolicy policy = new ScalingPolicy();
  private WorkerPool pool;
  private ScalingSettings scaling;
  private ScalingState state = ScalingState.initial();
  private Optional<QueueReading> previous = Optional.empty();
  private int replicas = 1;
  private long sequence;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = KafkaBroker.shared();
  }

  @AfterAll
  static void forgetBroker() {
    KafkaScalerIT.useBroker(null);
  }

  @Test
  void aBurstScalesUpToThePartitionCountAndTheDrainedTopicScalesBackDown() throws Exception {
    pool = Serialization.unmarshal(POOL, WorkerPool.class);
    scaling = WorkerPoolScalingSettings.from(pool.getSpec());
    KafkaScalerIT.useBroker(broker);
    KafkaScalerIT.createTopic("burst", 4);
    // the one running consumer has committed its position (offset 0) in every partition
    KafkaScalerIT.commit("burst-workers", Map.of(new TopicPartition("burst", 0), 0L, new TopicPartition("burst", 1),
        0L, new TopicPartition("burst", 2), 0L, new TopicPartition("burst", 3), 0L));
    PoolEvents events = new PoolEvents(client, clock);

    try (KafkaBackend backend = new KafkaBackend(new BackendSettings(Duration.ofSeconds(2), 2,
        QueueNetworks.anywhere(), clock));
        QueueScaler scaler = backend.create(KafkaScalerIT.spec("burst", "burst-workers"), Credentials.none())) {
      ReplicaPlan idle = poll(scaler);
      assertThat(idle.replicas()).isEqualTo(1);
      WorkerPoolStatus before = status(idle);

      Instant[] burst = new Instant[250];
      java.util.Arrays.fill(burst, clock.instant());
      for (int partition = 0; partition < 4; partition++) {
        KafkaScalerIT.produce("burst", partition, burst);
      }
      clock.advance(Duration.ofSeconds(5));
      ReplicaPlan up = poll(scaler);
      WorkerPoolStatus capped = status(up);
      ConditionEvents.announce(events, pool, before, capped);

      assertThat(up.snapshot().get().observation().get().depth()).isEqualTo(1000);
      assertThat(up.replicas()).as("1000 waiting / 100 per replica wants 10; the topic has 4 partitions")
          .isEqualTo(4);
      assertThat(up.reason()).contains(ScalingReason.SCALE_UP);
      assertThat(Conditions.reason(capped.getConditions(), ConditionType.Active)).isEqualTo("PartitionCapped");
      assertThat(Conditions.find(capped.getConditions(), ConditionType.Active).get().getMessage())
          .isEqualTo(PartitionCap.message(4));

      clock.advance(Duration.ofSeconds(5));
      ConditionEvents.announce(events, pool, capped, status(poll(scaler)));

      drain("burst", "burst-workers", 1000);
      clock.advance(Duration.ofSeconds(5));
      ReplicaPlan drained = poll(scaler);
      assertThat(drained.snapshot().get().observation().get().depth()).isZero();
      assertThat(drained.replicas()).as("held through the scale-down window").isEqualTo(4);

      clock.advance(Duration.ofSeconds(35));
      ReplicaPlan down = poll(scaler);
      WorkerPoolStatus after = status(down);
      assertThat(down.replicas()).isEqualTo(1);
      assertThat(down.reason()).contains(ScalingReason.SCALE_DOWN);
      assertThat(Conditions.reason(after.getConditions(), ConditionType.Active)).isEqualTo("WorkersRunning");
    } finally {
      events.close(Duration.ofSeconds(5));
    }
    List<Event> recorded = client.v1().events().inNamespace("shop").list().getItems();
    assertThat(recorded).filteredOn(e -> "PartitionCapped".equals(e.getReason())).as("one event when the cap starts")
        .hasSize(1).first().extracting(Event::getMessage).isEqualTo(PartitionCap.message(4));
  }

  /** One poll as the monitor and the planner take it: read, derive, cap, decide. */
  private ReplicaPlan poll(QueueScaler scaler) throws Exception {
    QueueReading reading = scaler.measure();
    QueueObservation observation = QueueSignals.observe(previous, reading, Duration.ofSeconds(60));
    PoolSnapshot snapshot = new PoolSnapshot(++sequence, observation, List.of(), Optional.of(reading.heartbeats()),
        reading.readAt(), Duration.ZERO, Optional.empty(), reading.usefulReplicas());
    ScalingDecision decision = policy.decide(PartitionCap.apply(scaling, snapshot.usefulReplicas()), replicas,
        observation, state, clock.instant());
    state = decision.nextState();
    previous = Optional.of(reading);
    replicas = decision.desiredReplicas();
    return new ReplicaPlan(replicas, decision.message(), Optional.of(decision.reason()), Optional.of(snapshot));
  }

  private WorkerPoolStatus status(ReplicaPlan plan) {
    Deployment deployment = new DeploymentBuilder().withNewStatus().withReplicas(plan.replicas())
        .withReadyReplicas(plan.replicas()).endStatus().build();
    WorkerPoolStatus status = PoolStatusFactory.reconciled(pool, deployment, plan, true, StaleVerdict.NOTHING,
        "kafka", clock.instant());
    pool.setStatus(status);
    return status;
  }

  /** The workers: Kafka's consumer in the group reads every record and commits, as a consumer app would. */
  private static void drain(String topic, String group, int records) {
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
        broker.plainBootstrap(), "group.id", group, "key.deserializer", StringDeserializer.class,
        "value.deserializer", StringDeserializer.class, "enable.auto.commit", false))) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      int read = 0;
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (read < records && System.nanoTime() < deadline) {
        ConsumerRecords<String, String> polled = consumer.poll(Duration.ofMillis(200));
        read += polled.count();
      }
      assertThat(read).isEqualTo(records);
      consumer.commitSync(partitions.stream().collect(Collectors.toMap(p -> p,
          p -> new OffsetAndMetadata(consumer.position(p)))));
    }
  }
}
