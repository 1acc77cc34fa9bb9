package dev.ebb.operator.model;

import dev.ebb.api.v1alpha1.WorkerPool;
import java.util.LinkedHashMap;
import java.util.Map;

/** The labels and annotations by which Ebb marks what it owns. */
public final class PoolLabels {

  public static final String POOL = "ebb.dev/pool";
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String MANAGED_BY_VALUE = "ebb-operator";
  public static final String NAME = "app.kubernetes.io/name";
  public static final String INSTANCE = "app.kubernetes.io/instance";
  /** Hash of the pod template Ebb last wrote: the template is rewritten only when the pool's changes. */
  public static final String TEMPLATE_HASH = "ebb.dev/template-hash";
  /** Put on the pod template by {@code kubectl rollout restart}; Ebb carries it over and never removes it. */
  public static final String KUBECTL_RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";
  /** Selector of every Deployment Ebb manages, for its informer. */
  public static final String MANAGED_SELECTOR = MANAGED_BY + "=" + MANAGED_BY_VALUE;

  private PoolLabels() {
  }

  /** Selects the pool's pods; immutable once the Deployment exists. */
  public static Map<String, String> selector(WorkerPool pool) {
    return Map.of(POOL, pool.getMetadata().getName());
  }

  public static Map<String, String> of(WorkerPool pool) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(NAME, "ebb-worker");
    labels.put(INSTANCE, pool.getMetadata().getName());
    labels.put(MANAGED_BY, MANAGED_BY_VALUE);
    labels.putAll(selector(pool));
    return labels;
  }
}
