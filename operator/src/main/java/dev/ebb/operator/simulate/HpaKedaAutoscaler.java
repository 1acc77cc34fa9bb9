package dev.ebb.operator.simulate;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The baseline: KEDA in front of a HorizontalPodAutoscaler with default behaviour, on a queue-length trigger with
 * target {@code jobsPerReplica} (an AverageValue external metric), modelled after kubernetes
 * {@code pkg/controller/podautoscaler} and KEDA's scale loop:
 * <ul>
 *   <li>KEDA polls the queue every 30 s. At 0 replicas it activates to max(1, min) as soon as the depth it reads is
 *       above 0; with min 0 it scales to 0 once the depth has read 0 for {@code cooldown}.</li>
 *   <li>The HPA syncs every 15 s (7 s after KEDA's poll) and sees the depth of KEDA's last poll, so up to 30 s old.
 *       Raw recommendation ceil(depth / target), or the current replicas when depth / (target x current) is
 *       within 10% of 1.</li>
 *   <li>Stabilization: scale down to the highest recommendation of the last 300 s; scale up at once.</li>
 *   <li>Rate limits: up by at most max(+100%, +4 pods) per 15 s (counted from the replicas at the start of the
 *       period); down by at most 100% per 15 s. Clamped to [max(1, min), max].</li>
 * </ul>
 */
final class HpaKedaAutoscaler implements Autoscaler {

  static final int KEDA_POLLING_SECONDS = 30;
  static final int HPA_SYNC_SECONDS = 15;
  static final int HPA_SYNC_OFFSET_SECONDS = 7;
  static final double TOLERANCE = 0.1;
  static final int SCALE_DOWN_WINDOW_SECONDS = 300;
  static final int SCALE_UP_PERIOD_SECONDS = 15;

  private record Event(long second, int value) {
  }

  private final int min;
  private final int max;
  private final int target;
  private final long cooldown;
  private final Deque<Event> recommendations = new ArrayDeque<>();
  private final Deque<Event> scaleEvents = new ArrayDeque<>();
  private long metric;
  private long lastActive;

  HpaKedaAutoscaler(int min, int max, int jobsPerReplica, long cooldownSeconds) {
    this.min = min;
    this.max = max;
    this.target = jobsPerReplica;
    this.cooldown = cooldownSeconds;
  }

  @Override
  public String name() {
    return "hpa-keda";
  }

  @Override
  public int onSecond(long second, PoolView pool) {
    int current = pool.replicas();
    if (second % KEDA_POLLING_SECONDS == 0) {
      metric = pool.depth();
      if (metric > 0) {
        lastActive = second;
      }
      if (current == 0 && metric > 0) {
        return Math.max(1, min);
      }
      if (min == 0 && current > 0 && metric == 0 && second - lastActive >= cooldown) {
        return 0;
      }
    }
    if (second % HPA_SYNC_SECONDS != HPA_SYNC_OFFSET_SECONDS || current == 0) {
      return current;
    }
    int desired = hpaSync(second, current);
    if (desired != current) {
      scaleEvents.addLast(new Event(second, desired - current));
    }
    return desired;
  }

  private int hpaSync(long second, int current) {
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
    int upLimit = Math.max(periodStart * 2, periodStart + 4);
    int floor = Math.max(1, min);
    if (stabilized > current) {
      return Math.max(floor, Math.min(Math.min(stabilized, upLimit), max));
    }
    return Math.max(floor, Math.min(stabilized, max));
  }
}
