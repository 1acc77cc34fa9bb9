package dev.ebb.operator.status;

import dev.ebb.api.v1alpha1.WorkerPool;
import dev.ebb.api.v1alpha1.WorkerPoolStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Writes a pool's status as one JSON Patch operation that sets the whole status stanza on the status subresource.
 * No resourceVersion is sent: status is Ebb's alone and always computed from the whole observed state, so the last
 * write wins, and a write never fails on a spec edit that raced it. (A JSON Patch diffed from a cached copy can
 * point at fields the server no longer has; a merge patch cannot replace a list on every server.)
 */
public final class StatusWriter {

  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private final KubernetesClient client;

  public StatusWriter(KubernetesClient client) {
    this.client = client;
  }

  public void write(WorkerPool pool, WorkerPoolStatus status) {
    String patch = "[{\"op\":\"add\",\"path\":\"/status\",\"value\":" + JSON.asJson(status) + "}]";
    // resource(pool), not withName(...): by name, fabric8 first GETs the object to patch, one more request per write
    client.resource(pool).subresource("status").patch(PatchContext.of(PatchType.JSON), patch);
    pool.setStatus(status);
  }
}
