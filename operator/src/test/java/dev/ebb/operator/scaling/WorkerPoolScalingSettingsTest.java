package dev.ebb.operator.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebb.api.v1alpha1.ReplicasSpec;
import dev.ebb.api.v1alpha1.ScalingWindow;
import dev.ebb.api.v1alpha1.WorkerPool;
import dev.ebb.api.v1alpha1.WorkerPoolSpec;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class WorkerPoolScalingSettingsTest {

  static final String MAILER = """
      apiVersion: ebb.dev/v1alpha1
      kind: WorkerPool
      metadata:
        name: mailer
        namespace: shop
      spec:
        replicas: {min: 0, max: 50}
        queue:
          redis:
            address: redis://redis.shop.svc:6379/0
            queue: mailer
        scaling:
          pollingInterval: 10s
          maxQueueLatency: 20s
          targetUtilization: 0.7
          jobsPerReplica: 40
          scaleUp: {stabilizationWindow: 15s}
          scaleDown: {stabilizationWindow: 10m}
          scaleToZeroAfter: 1h30m
          fallback: {replicas: 4, afterFailures: 2}
          paused: true
        workers:
          concurrency: 8
        template:
          spec:
            containers:
              - name: worker
                image: shop/mailer:1.0
      """;

  @Test
  void aMinimalSpecGetsTheDocumentedDefaults() {
    WorkerPoolSpec spec = new WorkerPoolSpec();
    spec.setReplicas(new ReplicasSpec(null, 20));

    assertThat(WorkerPoolScalingSettings.from(spec))
        .isEqualTo(new ScalingSettings(1, 20, Duration.ofSeconds(5), Duration.ofSeconds(30), 0.8, 100,
            Duration.ZERO, Duration.ofMinutes(5), Duration.ofMinutes(5), OptionalInt.empty(), 3, false, 10));
  }

  @Test
  void readsEveryFieldOfAPoolYaml() {
    WorkerPool pool = Serialization.unmarshal(
        new ByteArrayInputStream(MAILER.getBytes(StandardCharsets.UTF_8)), WorkerPool.class);

    ScalingSettings settings = WorkerPoolScalingSettings.from(pool.getSpec());

    assertThat(settings).isEqualTo(new ScalingSettings(0, 50, Duration.ofSeconds(10), Duration.ofSeconds(20), 0.7,
        40, Duration.ofSeconds(15), Duration.ofMinutes(10), Duration.ofMinutes(90), OptionalInt.of(4), 2, true, 8));
  }

  @Test
  void namesTheFieldOfABadDuration() {
    WorkerPoolSpec spec = new WorkerPoolSpec();
    spec.setReplicas(new ReplicasSpec(1, 5));
    spec.getScaling().setScaleDown(new ScalingWindow("five minutes"));

    assertThatThrownBy(() -> WorkerPoolScalingSettings.from(spec))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("scaling.scaleDown.stabilizationWindow: ");
  }
}
