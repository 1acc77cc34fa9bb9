package dev.ebb.operator.autoscale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.operator.scaler.ScalerException;
import dev.ebb.operator.scaling.QueueObservation;
import dev.ebb.operator.scaling.ScalingReason;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class PoolMetricsTest {

  private static final ResourceID MAILER = new ResourceID("mailer", "shop");
  private static final ResourceID BILLING = new ResourceID("billing", "shop");

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final PoolMetrics metrics = new PoolMetrics(registry);

  @Test
  void aPollsFiguresAndTheDecisionAreServedWithThePoolsLabels() {
    metrics.measured(MAILER, snapshot(120));
    metrics.decided(MAILER, ScalingReason.SCALE_UP, 4, 2, 10, false, 30);
    metrics.decided(MAILER, ScalingReason.SCALE_UP, 5, 4, 10, false, 30);

    String scrape = registry.scrape();

    assertThat(scrape).contains("ebb_pool_queue_depth{namespace=\"shop\",pool=\"mailer\"} 120.0")
        .contains("ebb_pool_desired_replicas{namespace=\"shop\",pool=\"mailer\"} 5.0")
        .contains("ebb_pool_max_replicas{namespace=\"shop\",pool=\"mailer\"} 10.0")
        .contains("ebb_pool_scaling_decisions_total{namespace=\"shop\",pool=\"mailer\",reason=\"scale_up\"} 2.0")
        .contains("ebb_pool_processing_time_seconds{namespace=\"shop\",pool=\"mailer\"} NaN")
        .contains("ebb_pool_measurement_duration_seconds_count{namespace=\"shop\",pool=\"mailer\"} 1");
  }

  @Test
  void countersExistAtZeroFromTheFirstSightOfAPool() {
    metrics.measurementFailed(MAILER, ScalerException.Kind.TIMEOUT);
    metrics.staleWorkerRestarted(MAILER);

    String scrape = registry.scrape();

    assertThat(scrape)
        .contains("ebb_pool_measurement_failures_total{kind=\"timeout\",namespace=\"shop\",pool=\"mailer\"} 1.0")
        .contains("ebb_pool_measurement_failures_total{kind=\"unreachable\",namespace=\"shop\",pool=\"mailer\"} 0.0")
        .contains("ebb_pool_scaling_decisions_total{namespace=\"shop\",pool=\"mailer\",reason=\"steady\"} 0.0")
        .contains("ebb_pool_stale_worker_restarts_total{namespace=\"shop\",pool=\"mailer\"} 1.0")
        .contains("ebb_pool_deletion_cost_not_set_total{namespace=\"shop\",pool=\"mailer\"} 0.0");
  }

  @Test
  void aForgottenPoolLeavesNoSeriesAndTheOthersStay() {
    metrics.measured(MAILER, snapshot(1));
    metrics.measured(BILLING, snapshot(2));

    metrics.forget(MAILER);

    String scrape = registry.scrape();
    assertThat(scrape).doesNotContain("pool=\"mailer\"").contains("pool=\"billing\"");
    assertThat(registry.getMeters()).noneMatch(m -> "mailer".equals(m.getId().getTag("pool")));
  }

  private static PoolSnapshot snapshot(long depth) {
    QueueObservation observed = new QueueObservation(depth, Duration.ofSeconds(3), OptionalDouble.of(2),
        OptionalDouble.of(1), 1, 1, OptionalInt.empty(), Optional.empty());
    return new PoolSnapshot(1, observed, List.of(), Optional.empty(), Instant.parse("2026-12-02T10:00:00Z"),
        Duration.ofMillis(4), Optional.empty());
  }
}
