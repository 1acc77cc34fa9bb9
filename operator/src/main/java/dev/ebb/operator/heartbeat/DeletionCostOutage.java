package dev.ebb.operator.heartbeat;

import dev.ebb.api.v1alpha1.WorkerPool;
import dev.ebb.operator.autoscale.PoolMetrics;
import dev.ebb.operator.event.PoolEvents;
import dev.ebb.operator.status.FailureMessage;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells that a pool scales down without its deletion costs: every time in a counter, once per outage in a Warning
 * event (which logs one line), and once in the log when costs are written again. A pool deleted and created again
 * has a new uid, so it starts without an outage.
 */
final class DeletionCostOutage {

  private static final Logger LOG = LoggerFactory.getLogger(DeletionCostOutage.class);

  private final PoolEvents events;
  private final PoolMetrics metrics;
  private final Set<String> failing = ConcurrentHashMap.newKeySet();

  DeletionCostOutage(PoolEvents events, PoolMetrics metrics) {
    this.events = events;
    this.metrics = metrics;
  }

  void notWritten(WorkerPool pool, KubernetesClientException cause) {
    metrics.deletionCostNotSet(ResourceID.fromResource(pool));
    if (failing.add(pool.getMetadata().getUid())) {
      events.warning(pool, "DeletionCostNotSet", "could not set " + DeletionCosts.ANNOTATION + " on worker pods ("
          + FailureMessage.cause(cause) + "): scaling down without preferring idle workers");
    }
  }

  void forgetAllBut(Set<String> liveUids) {
    failing.retainAll(liveUids);
  }

  void written(WorkerPool pool) {
    if (failing.remove(pool.getMetadata().getUid())) {
      LOG.info("{}/{}: {} written again; idle workers go first on scale-down", pool.getMetadata().getNamespace(),
          pool.getMetadata().getName(), DeletionCosts.ANNOTATION);
    }
  }
}
