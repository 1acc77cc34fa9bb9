package dev.ebb.operator.status;

import dev.ebb.api.v1alpha1.WorkerPool;
import dev.ebb.api.v1alpha1.WorkerPoolStatus;
import dev.ebb.operator.memory.LivePools;
import dev.ebb.operator.memory.PerPoolMemory;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a pool's status as one JSON Patch operation that sets the whole status stanza on the status subresource.
 * No resourceVersion is sent: status is Ebb's alone, so the last write wins, and a write never fails on a spec edit
 * that raced it. (A JSON Patch diffed from a cached copy can point at fields the server no longer has; a merge patch
 * cannot replace a list on every server.)
 *
 * <p>Because the whole stanza is replaced, what status carries over from one write to the next ({@code
 * lastScaleTime}, conditions' {@code lastTransitionTime}) must come from the last write, not from an informer cache
 * that may not have seen it yet: {@link #catchUp} gives the reconcile the status this process last wrote, until the
 * cache shows that status itself; then the copy is let go, so that a settled pool is not kept twice.
 */
public final class StatusWriter implements PerPoolMemory {

  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private final KubernetesClient client;
  /** The status last written per pool uid; a pool deleted and created again has a new uid. */
  private final Map<String, WorkerPoolStatus> written = new ConcurrentHashMap<>();

  public StatusWriter(KubernetesClient client) {
    this.client = client;
  }

  /**
   * Puts on the pool the status this process last wrote for it, when the cache has not caught up with it yet (the
   * write is never older than the cache); once the cache shows it, the copy is forgotten.
   */
  public void catchUp(WorkerPool pool) {
    String uid = pool.getMetadata().getUid();
    WorkerPoolStatus last = written.get(uid);
    if (last == null) {
      return;
    }
    if (last.equals(pool.getStatus())) {
      written.remove(uid, last);
    } else {
      pool.setStatus(JSON.clone(last));
    }
  }

  /** How many pools' last writes are held because the cache has not shown them yet. */
  int held() {
    return written.size();
  }

  @Override
  public void forgetAllBut(LivePools live) {
    written.keySet().retainAll(live.uids());
  }

  public void write(WorkerPool pool, WorkerPoolStatus status) {
    String patch = "[{\"op\":\"add\",\"path\":\"/status\",\"value\":" + JSON.asJson(status) + "}]";
    // resource(pool), not withName(...): by name, fabric8 first GETs the object to patch, one more request per write
    client.resource(pool).subresource("status").patch(PatchContext.of(PatchType.JSON), patch);
    written.put(pool.getMetadata().getUid(), JSON.clone(status));
    pool.setStatus(status);
  }
}
