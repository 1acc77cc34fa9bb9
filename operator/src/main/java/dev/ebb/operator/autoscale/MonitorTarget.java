package dev.ebb.operator.autoscale;

import dev.ebb.api.v1alpha1.QueueSpec;
import dev.ebb.operator.scaler.Credentials;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Duration;

/**
 * What to poll for one pool and how often. Holds the values of the pool's Secret references; they are compared but
 * never printed.
 */
public final class MonitorTarget {

  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private final QueueSpec queue;
  private final Credentials credentials;
  private final Duration interval;
  private final Duration staleAfter;

  public MonitorTarget(QueueSpec queue, Credentials credentials, Duration interval, Duration staleAfter) {
    this.queue = queue;
    this.credentials = credentials;
    this.interval = interval;
    this.staleAfter = staleAfter;
  }

  public QueueSpec queue() {
    return queue;
  }

  public Credentials credentials() {
    return credentials;
  }

  public Duration interval() {
    return interval;
  }

  public Duration staleAfter() {
    return staleAfter;
  }

  /** True when a new scaler is needed: another queue or other credentials. */
  boolean needsNewScaler(MonitorTarget other) {
    return !sameQueue(other) || !credentials.equals(other.credentials);
  }

  /** Every field of the queue block counts (backend, server, queue, format and each option), whatever it adds. */
  private boolean sameQueue(MonitorTarget other) {
    return JSON.asJson(queue).equals(JSON.asJson(other.queue));
  }

  @Override
  public String toString() {
    return "MonitorTarget[every " + interval + ", " + credentials + "]";
  }
}
