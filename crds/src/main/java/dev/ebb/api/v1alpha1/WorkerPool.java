package dev.ebb.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** A pool of queue workers: Ebb keeps a Deployment of them sized to the queue they drain. */
@Group(WorkerPool.GROUP)
@Version(WorkerPool.VERSION)
@Plural("workerpools")
@Singular("workerpool")
@ShortNames("wp")
@Categories("ebb")
@AdditionalPrinterColumn(name = "Min", jsonPath = ".spec.replicas.min", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Max", jsonPath = ".spec.replicas.max", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Desired", jsonPath = ".status.desiredReplicas", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.readyReplicas", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Queue", jsonPath = ".status.queue.depth", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Oldest", jsonPath = ".status.queue.oldestJobAge", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Proc-Time", jsonPath = ".status.workers.processingTime", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Stale", jsonPath = ".status.workers.stale", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class WorkerPool extends CustomResource<WorkerPoolSpec, WorkerPoolStatus> implements Namespaced {

  public static final String GROUP = "ebb.dev";
  public static final String VERSION = "v1alpha1";
  /** Set it to any new value (e.g. the current time) to ask for a rolling restart of the pool's workers. */
  public static final String RESTARTED_AT_ANNOTATION = "ebb.dev/restartedAt";

  @Override
  protected WorkerPoolStatus initStatus() {
    return new WorkerPoolStatus();
  }
}
