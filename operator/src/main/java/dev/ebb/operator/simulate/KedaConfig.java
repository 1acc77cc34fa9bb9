package dev.ebb.operator.simulate;

import java.util.Random;

/**
 * One configuration of the KEDA + HPA baseline, as a ScaledObject would spell it, printed with every report.
 *
 * @param name            the row's name
 * @param target          the trigger's AverageValue target per replica ({@code listLength} for the Redis scaler)
 * @param cooldownSeconds KEDA's {@code cooldownPeriod}
 * @param pollingSeconds  KEDA's {@code pollingInterval}
 * @param pollPhase       second of KEDA's polling period at which it polls (the workload does not know it)
 * @param syncPhase       second of the HPA's 15 s sync period at which it syncs
 * @param cachedMetrics   the trigger's {@code useCachedMetrics}: the HPA reads KEDA's last poll instead of a fresh value
 * @param countRunning    the metric is waiting + running jobs (e.g. a Prometheus trigger), not the list's length
 * @param scaleUpPercent  the HPA's scaleUp Percent policy per 15 s
 * @param scaleUpPods     the HPA's scaleUp Pods policy per 15 s
 */
record KedaConfig(String name, int min, int max, int target, long cooldownSeconds, int pollingSeconds,
                  int pollPhase, int syncPhase, boolean cachedMetrics, boolean countRunning, int scaleUpPercent,
                  int scaleUpPods) {

  static final int DEFAULT_POLLING_SECONDS = 30;

  KedaConfig {
    if (target < 1 || pollingSeconds < 1 || pollPhase < 0 || pollPhase >= pollingSeconds || syncPhase < 0
        || syncPhase >= HpaKedaAutoscaler.HPA_SYNC_SECONDS) {
      throw new IllegalArgumentException("target and polling interval >= 1, phases within their periods");
    }
  }

  /** KEDA's Redis list scaler with every default but the target: LLEN (waiting jobs), HPA default behaviour. */
  static KedaConfig redisListDefaults(int min, int max, int listLength, long cooldown, boolean cachedMetrics) {
    return new KedaConfig("keda-llen", min, max, listLength, cooldown, DEFAULT_POLLING_SECONDS, 0, 0, cachedMetrics,
        false, 100, 4);
  }

  /**
   * What a careful user adds: a metric of waiting + running jobs (so a busy pool with an empty list is not scaled
   * to zero, and running work counts), and a scaleUp policy that lets the HPA reach its recommendation in one sync
   * ({@code {type: Pods, value: max, periodSeconds: 15}}).
   */
  static KedaConfig tuned(int min, int max, int target, long cooldown, boolean cachedMetrics) {
    return new KedaConfig("keda-tuned", min, max, target, cooldown, DEFAULT_POLLING_SECONDS, 0, 0, cachedMetrics,
        true, 100, max);
  }

  KedaConfig withTarget(int newTarget) {
    return new KedaConfig(name, min, max, newTarget, cooldownSeconds, pollingSeconds, pollPhase, syncPhase,
        cachedMetrics, countRunning, scaleUpPercent, scaleUpPods);
  }

  /** The same configuration with KEDA's poll and the HPA's sync at phases drawn from {@code random}. */
  KedaConfig withRandomPhases(Random random) {
    return withPhases(random.nextInt(pollingSeconds), random.nextInt(HpaKedaAutoscaler.HPA_SYNC_SECONDS));
  }

  KedaConfig withPhases(int poll, int sync) {
    return new KedaConfig(name, min, max, target, cooldownSeconds, pollingSeconds, poll, sync, cachedMetrics,
        countRunning, scaleUpPercent, scaleUpPods);
  }

  /** One line for the report: what the row models, as a ScaledObject would say it. */
  String describe() {
    String metric = countRunning ? "metric waiting + running jobs (e.g. a prometheus trigger), target " + target
        : "redis trigger, metric LLEN (waiting jobs only), listLength " + target;
    String behavior = scaleUpPods == 4 && scaleUpPercent == 100 ? "HPA default behavior"
        : "HPA scaleUp policies {Percent " + scaleUpPercent + ", Pods " + scaleUpPods + "} per 15s, other behavior"
            + " defaults";
    return name + ": KEDA " + metric + ", useCachedMetrics " + cachedMetrics + ", pollingInterval "
        + pollingSeconds + "s, cooldownPeriod " + cooldownSeconds + "s, minReplicaCount " + min
        + ", maxReplicaCount " + max + "; " + behavior + " (scaleDown window 300s, tolerance 10%, sync 15s)";
  }
}
