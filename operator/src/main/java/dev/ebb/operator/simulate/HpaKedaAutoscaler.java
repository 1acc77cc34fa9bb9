package dev.ebb.operator.simulate;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The baseline: a KEDA ScaledObject in front of a HorizontalPodAutoscaler, modelled after kubernetes
 * {@code pkg/controller/podautoscaler} (defaults from {@code pkg/apis/autoscaling/v2/defaults.go}) and KEDA's scale
 * loop, with the trigger and behaviour of a {@link KedaConfig}:
 * <ul>
 *   <li>KEDA polls the trigger every {@code pollingInterval} (30 s), at a phase of its own. At 0 replicas it
 *       activates to max(1, min) as soon as the value it reads is above 0; with min 0 it scales to 0 once the value
 *       has read 0 for {@code cooldownPeriod}.</li>
 *   <li>The HPA syncs every 15 s, at a phase of its own. With {@code useCachedMetrics: false} (KEDA's default) each
 *       sync makes KEDA's metrics server read the trigger afresh; with {@code true} the HPA gets the value of KEDA's
 *       last poll. Raw recommendation ceil(value / target) (an AverageValue target), or the current replicas when
 *       value / (target x current) is within 10% of 1.</li>
 *   <li>Stabilization: scale down to the highest recommendation of the last 300 s; scale up at once.</li>
 *   <li>Rate limits: up by at most max(+percent, +pods) per 15 s (defaults 100% and 4 pods), counted from the
 *       replicas at the start of the period; down by at most 100% per 15 s. Clamped to [max(1, min), max].</li>
 * </ul>
 */
final class HpaKedaAutoscaler implements Autoscaler {

  static final int HPA_SYNC_SECONDS = 15;
  static final double TOLERANCE = 0.1;
  static final int SCALE_DOWN_WINDOW_SECONDS = 300;
  static final int SCALE_UP_PERIOD_SECONDS = 15;

  private record Event(long second, int value) {
  }

  private final KedaConfig config;
  private final int min;
  private final int max;
  private final Deque<Event> recommendations = new ArrayDeque<>();
  private final Deque<Event> scaleEvents = new ArrayDeque<>();
  private long polled;
  private long lastActive;

  HpaKedaAutoscaler(KedaConfig config) {
    this.config = config;
    this.min = config.min();
    this.max = config.max();
  }

  @Override
  public String name() {
    return config.name();
  }

  KedaConfig config() {
    return config;
  }

  @Override
  public int onSecond(long second, PoolView pool) {
    int current = pool.replicas();
    if (second % config.pollingSeconds() == config.pollPhase()) {
      polled = value(pool);
      if (polled > 0) {
        lastActive = second;
      }
      if (current == 0 && polled > 0) {
        return Math.max(1, min);
      }
      if (min == 0 && current > 0 && polled == 0 && second - lastActive >= config.cooldownSeconds()) {
        return 0;
      }
    }
    if (second % HPA_SYNC_SECONDS != config.syncPhase() || current == 0) {
      return current;
    }
    long metric = config.cachedMetrics() ? polled : value(pool);
    int desired = hpaSync(second, current, metric);
    if (desired != current) {
      scaleEvents.addLast(new Event(second, desired - current));
    }
    return desired;
  }

  /** What the trigger reads: the list's length (LLEN: waiting jobs only), or waiting plus running jobs. */
  private long value(PoolView pool) {
    return pool.depth() + (config.countRunning() ? pool.runningJobs() : 0);
  }

  private int hpaSync(long second, int current, long metric) {
    int target = config.target();
    double usageRatio = metric / ((double) target * current);
    int raw = Math.abs(1 - usageRatio) <= TOLERANCE ? current : (int) Math.ceil(metric / (double) target);
    recommendations.addLast(new Event(second, raw));
    while (recommendations.peekFirst().second() < second - SCALE_DOWN_WINDOW_SECONDS) {
      recommendations.removeFirst();
    }
    int highest = recommendations.stream().mapToInt(Event::value).max().orElse(raw);
    int stabilized = Math.min(Math.max(current, raw), highest);

    while (!scaleEvents.isEmpty() && scaleEvents.peekFirst().second() <= second - SCALE_UP_PERIOD_SECONDS) {
      scaleEvents.removeFirst();
    }
    int periodStart = current - scaleEvents.stream().mapToInt(Event::value).sum();
    long upLimit = Math.max((long) periodStart * (100 + config.scaleUpPercent()) / 100,
        (long) periodStart + config.scaleUpPods());
    int floor = Math.max(1, min);
    if (stabilized > current) {
      return (int) Math.max(floor, Math.min(Math.min(stabilized, upLimit), max));
    }
    return Math.max(floor, Math.min(stabilized, max));
  }
}
