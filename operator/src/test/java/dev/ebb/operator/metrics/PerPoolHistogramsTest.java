package dev.ebb.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PerPoolHistogramsTest {

  @Test
  void aPerPoolTimerHasNineBucketsAndTheOperatorsOwnKeepsItsFullHistogram() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(new PerPoolHistograms());

    Timer.builder("ebb.pool.measurement.duration").tags("namespace", "shop", "pool", "mail")
        .publishPercentileHistogram().register(registry).record(Duration.ofMillis(30));
    Timer.builder("operator.sdk.controllers.execution.reconcile").tags("resource.name", "mail")
        .publishPercentiles(0.3, 0.5, 0.95, 0.99).publishPercentileHistogram().register(registry)
        .record(Duration.ofMillis(300));
    Timer.builder("ebb.whole.operator").publishPercentileHistogram().register(registry)
        .record(Duration.ofMillis(30));
    String scrape = registry.scrape();

    assertThat(buckets(scrape, "ebb_pool_measurement_duration_seconds_bucket")).isEqualTo(10); // nine and +Inf
    assertThat(scrape).contains("ebb_pool_measurement_duration_seconds_bucket{namespace=\"shop\",pool=\"mail\","
        + "le=\"0.05\"} 1");
    assertThat(buckets(scrape, "operator_sdk_controllers_execution_reconcile_seconds_bucket")).isEqualTo(10);
    assertThat(scrape).as("JOSDK's client-side percentiles: one HdrHistogram ring each")
        .doesNotContain("operator_sdk_controllers_execution_reconcile_seconds{quantile");
    assertThat(buckets(scrape, "ebb_whole_operator_seconds_bucket")).as("not per pool").isGreaterThan(50);
  }

  private static long buckets(String scrape, String name) {
    return scrape.lines().filter(line -> line.startsWith(name + "{")).count();
  }
}
