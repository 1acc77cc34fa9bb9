package dev.ebb.operator.scaler.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ebb.api.v1alpha1.PrometheusQueueSpec;
import dev.ebb.operator.autoscale.QueueSignals;
import dev.ebb.operator.network.QueueNetworks;
import dev.ebb.operator.scaler.BackendSettings;
import dev.ebb.operator.scaler.Credentials;
import dev.ebb.operator.scaler.QueueReading;
import dev.ebb.operator.scaler.QueueScaler;
import dev.ebb.operator.scaler.ScalerException;
import dev.ebb.operator.scaling.FailedMeasurement;
import dev.ebb.operator.scaling.Measurement;
import dev.ebb.operator.scaling.ProcessingTimeSource;
import dev.ebb.operator.scaling.QueueObservation;
import dev.ebb.operator.scaling.ScalingDecision;
import dev.ebb.operator.scaling.ScalingPolicy;
import dev.ebb.operator.scaling.ScalingSettings;
import dev.ebb.operator.scaling.ScalingState;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A burst in a queue that only Prometheus knows about scales a Deployment (on the mock API server) up, and the drained
 * queue scales it back down: the real scaler against a real Prometheus scraping the queue's exporter, the operator's
 * own signals and policy ({@link QueueSignals}, {@link ScalingPolicy}), the Deployment's replicas written as the
 * reconciler writes them.
 *
 * <p>The operator's loop itself ({@code QueueMonitor} through {@code ScalerRegistry}) reads Redis blocks only until
 * the registry maps {@code spec.queue.prometheus} to {@link PrometheusBackend}; this test drives the same decision path
 * by hand, one poll every 500 ms.
 */
@EnableKubernetesMockClient(crud = true)
class PrometheusAutoscalingIT {

  private static final String NS = "media";
  private static final String NAME = "video-encoder";
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration SCALE_DOWN_WINDOW = Duration.ofSeconds(3);

  KubernetesClient client;

  @Test
  void aBurstScalesThePoolUpOnItsProcessingTimeAndADrainedQueueScalesItBackDown() throws Exception {
    // min 1, max 20, pollingInterval 1s, maxQueueLatency 5s, utilization 0.8, 100 jobs per replica, scale up at once,
    // down after 3 s, concurrency 10
    ScalingSettings settings = new ScalingSettings(1, 20, Duration.ofSeconds(1), Duration.ofSeconds(5), 0.8, 100,
        Duration.ZERO, SCALE_DOWN_WINDOW, Duration.ofMinutes(5), OptionalInt.empty(), 3, false, 10);
    client.apps().deployments().inNamespace(NS).resource(deployment(1)).create();
    List<Measurement> seen = new CopyOnWriteArrayList<>();
    try (QueueExporter exporter = new QueueExporter()
            .set("encoder_queue_jobs_waiting{queue=\"video\"}", "0")
            .set("encoder_job_seconds{queue=\"video\"}", "0.5");
        PrometheusProcess prometheus = PrometheusProcess.start("autoscaling", List.of(exporter.target()), Map.of(),
            "");
        PrometheusBackend backend = new PrometheusBackend(new BackendSettings(Duration.ofSeconds(1), 2,
            QueueNetworks.anywhere(), Clock.systemUTC()));
        QueueScaler scaler = backend.create(pool(prometheus.address("")), Credentials.none())) {
      Loop loop = new Loop(scaler, settings, seen);
      ScheduledExecutorService polls = Executors.newSingleThreadScheduledExecutor();
      polls.scheduleWithFixedDelay(loop::pollAndApply, 0, POLL.toMillis(), TimeUnit.MILLISECONDS);
      try {
        await().atMost(Duration.ofSeconds(30)).until(() -> lastObservation(seen).isPresent());
        assertThat(replicas()).isEqualTo(1);

        exporter.set("encoder_queue_jobs_waiting{queue=\"video\"}", "1000");

        // B * p / (c * L) = 1000 * 0.5 s / (10 * 5 s) = 10 workers
        await().atMost(Duration.ofSeconds(15)).until(() -> replicas() == 10);
        QueueObservation burst = lastObservation(seen).orElseThrow();
        assertThat(burst.depth()).isEqualTo(1000);
        assertThat(burst.processingTime()).contains(Duration.ofMillis(500));
        assertThat(burst.processingTimeSource()).isEqualTo(ProcessingTimeSource.BACKEND);

        exporter.set("encoder_queue_jobs_waiting{queue=\"video\"}", "0");
        await().atMost(Duration.ofSeconds(15)).until(() -> lastObservation(seen).map(o -> o.depth() == 0)
            .orElse(false));
        Instant drained = Instant.now();

        await().atMost(Duration.ofSeconds(30)).until(() -> replicas() == 1);
        assertThat(Duration.between(drained, Instant.now())).as("scale-down waits for its window")
            .isGreaterThanOrEqualTo(SCALE_DOWN_WINDOW.minus(POLL).minusMillis(500)); // the window starts at a poll
        // before Prometheus' first scrape the query has no sample: those polls failed (and held), none after
        List<Measurement> sinceFirstScrape = seen.subList(firstObservation(seen), seen.size());
        assertThat(sinceFirstScrape).as("polls since the first scrape").noneMatch(FailedMeasurement.class::isInstance);
      } finally {
        polls.shutdownNow();
        polls.awaitTermination(10, TimeUnit.SECONDS);
      }
    }
  }

  /** One pool's polls: measure, derive the signals, decide, write the Deployment's replicas when they change. */
  private final class Loop {
    private final QueueScaler scaler;
    private final ScalingSettings settings;
    private final ScalingPolicy policy = new ScalingPolicy();
    private final List<Measurement> seen;
    private ScalingState state = ScalingState.initial();
    private Optional<QueueReading> previous = Optional.empty();

    Loop(QueueScaler scaler, ScalingSettings settings, List<Measurement> seen) {
      this.scaler = scaler;
      this.settings = settings;
      this.seen = seen;
    }

    void pollAndApply() {
      Measurement measurement;
      try {
        QueueReading reading = scaler.measure();
        measurement = QueueSignals.observe(previous, reading, Duration.ofSeconds(60));
        previous = Optional.of(reading);
      } catch (ScalerException e) {
        measurement = new FailedMeasurement(e.publicMessage());
      }
      seen.add(measurement);
      int current = replicas();
      ScalingDecision decision = policy.decide(settings, current, measurement, state, Instant.now());
      state = decision.nextState();
      if (decision.desiredReplicas() != current) {
        client.apps().deployments().inNamespace(NS).withName(NAME).edit(d -> {
          d.getSpec().setReplicas(decision.desiredReplicas());
          return d;
        });
      }
    }
  }

  private int replicas() {
    return client.apps().deployments().inNamespace(NS).withName(NAME).get().getSpec().getReplicas();
  }

  private static Optional<QueueObservation> lastObservation(List<Measurement> seen) {
    for (int i = seen.size() - 1; i >= 0; i--) {
      if (seen.get(i) instanceof QueueObservation observation) {
        return Optional.of(observation);
      }
    }
    return Optional.empty();
  }

  private static int firstObservation(List<Measurement> seen) {
    for (int i = 0; i < seen.size(); i++) {
      if (seen.get(i) instanceof QueueObservation) {
        return i;
      }
    }
    return seen.size();
  }

  private static PrometheusQueueSpec pool(String address) {
    PrometheusQueueSpec spec = new PrometheusQueueSpec(address, "sum(encoder_queue_jobs_waiting{queue=\"video\"})");
    spec.setProcessingTimeQuery("max(encoder_job_seconds{queue=\"video\"})");
    return spec;
  }

  private static Deployment deployment(int replicas) {
    return new DeploymentBuilder()
        .withNewMetadata().withName(NAME).withNamespace(NS).endMetadata()
        .withNewSpec().withReplicas(replicas)
        .withNewSelector().addToMatchLabels("app", NAME).endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", NAME).endMetadata()
        .withNewSpec().addNewContainer().withName("encoder").withImage("registry.shop.example/video-encoder:3.2.0")
        .endContainer().endSpec().endTemplate()
        .endSpec().build();
  }
}
