package dev.ebb.operator.autoscale;

import dev.ebb.api.v1alpha1.QueueSpec;
import dev.ebb.operator.scaler.RedisEndpoint;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Duration;
import java.util.Optional;

/**
 * What to poll for one pool and how often. Holds the Redis password read from the pool's Secret; it is compared but
 * never printed.
 */
public final class MonitorTarget {

  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private final QueueSpec queue;
  private final Optional<String> password;
  private final Duration interval;
  private final Duration staleAfter;

  public MonitorTarget(QueueSpec queue, Optional<String> password, Duration interval, Duration staleAfter) {
    this.queue = queue;
    this.password = password;
    this.interval = interval;
    this.staleAfter = staleAfter;
  }

  public QueueSpec queue() {
    return queue;
  }

  public Optional<String> password() {
    return password;
  }

  public Duration interval() {
    return interval;
  }

  public Duration staleAfter() {
    return staleAfter;
  }

  /** True when a new scaler is needed: another queue or another password. */
  boolean needsNewScaler(MonitorTarget other) {
    return !sameQueue(other) || !password.equals(other.password);
  }

  /** Every field of the queue block counts (address, queue, format and each format's options), whatever it adds. */
  private boolean sameQueue(MonitorTarget other) {
    return JSON.asJson(queue).equals(JSON.asJson(other.queue));
  }

  /** The address as RedisEndpoint prints it: scheme, host, port and database, never user information. */
  private String safeAddress() {
    try {
      return RedisEndpoint.parse(queue.getRedis().getAddress()).toString();
    } catch (IllegalArgumentException e) {
      return "(invalid address)";
    }
  }

  @Override
  public String toString() {
    return "MonitorTarget[" + safeAddress() + " " + queue.getRedis().getQueue() + " every "
        + interval + (password.isPresent() ? ", with password" : "") + "]";
  }
}
