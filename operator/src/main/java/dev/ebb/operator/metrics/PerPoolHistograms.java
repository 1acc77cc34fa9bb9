package dev.ebb.operator.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Per-pool timers (Ebb's, tagged {@code pool}; JOSDK's per-resource ones, tagged {@code name} or
 * {@code resource_name}) keep nine fixed buckets, and no client-side percentiles, instead of Micrometer's percentile
 * histogram of about 70 buckets and JOSDK's four percentiles (each a ring of HdrHistograms): together some 40 KiB of
 * heap and 70 series a pool, 200 MiB and 350,000 series at 5,000 pools. The buckets span what a queue read or a reconcile takes, from 10 ms to 10 s; timers of the operator as
 * a whole keep their full histograms.
 */
public final class PerPoolHistograms implements MeterFilter {

  static final Duration[] BUCKETS = Stream.of(10L, 50L, 100L, 250L, 500L, 1_000L, 2_500L, 5_000L, 10_000L)
      .map(Duration::ofMillis).toArray(Duration[]::new);

  @Override
  public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
    if (id.getType() != Meter.Type.TIMER || !perPool(id)) {
      return config;
    }
    return DistributionStatisticConfig.builder()
        .percentilesHistogram(false)
        .percentiles()
        .serviceLevelObjectives(Stream.of(BUCKETS).mapToDouble(d -> (double) d.toNanos()).toArray())
        .build()
        .merge(config);
  }

  /** Ebb's {@code pool}; JOSDK's {@code name} and {@code resource.name} (exported as {@code resource_name}). */
  private static final Set<String> POOL_KEYS = Set.of("pool", "name", "resource.name", "resource_name");

  private static boolean perPool(Meter.Id id) {
    return id.getTags().stream().anyMatch(tag -> POOL_KEYS.contains(tag.getKey()));
  }
}
