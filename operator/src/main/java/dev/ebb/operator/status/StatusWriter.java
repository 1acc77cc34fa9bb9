package dev.ebb.operator.status;

import dev.ebb.api.v1alpha1.WorkerPool;
import dev.ebb.api.v1alpha1.WorkerPoolStatus;
import dev.ebb.operator.memory.LivePools;
import dev.ebb.operator.memory.PerPoolMemory;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 *
 * <p>The writes themselves run on their own few threads ({@link #StatusWriter(KubernetesClient, Executor)}), a
 * pool's one at a time and coalesced: a reconcile thread hands the status over and goes on, so that when a thousand
 * queues change at once the reconcile threads write Deployments, which is what moves workers, while the status
 * writes follow; a status superseded before its write started is never sent. A write that fails is logged and
 * forgotten (the next reconcile, at the latest after the figures interval, writes what is then true).
 */
public final class StatusWriter implements PerPoolMemory {

  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private static final Logger LOG = LoggerFactory.getLogger(StatusWriter.class);

  private final KubernetesClient client;
  private final Executor writes;
  /** The status last handed over per pool uid; a pool deleted and created again has a new uid. */
  private final Map<String, WorkerPoolStatus> written = new ConcurrentHashMap<>();
  /** The status waiting to be sent per pool uid: at most one a pool, the newest. */
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();

  /** Writes on the calling thread: {@link #write} returns once the server has the status. */
  public StatusWriter(KubernetesClient client) {
    this(client, Runnable::run);
  }

  /** Writes on {@code writes}' threads; {@link #write} returns at once. */
  public StatusWriter(KubernetesClient client, Executor writes) {
    this.client = client;
    this.writes = writes;
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

  /** Hands over the pool's new status; written now or on the writer's threads, superseding any not yet sent. */
  public void write(WorkerPool pool, WorkerPoolStatus status) {
    String uid = pool.getMetadata().getUid();
    written.put(uid, JSON.clone(status));
    Pending next = new Pending(client.resource(pool), pool.getMetadata().getNamespace() + "/"
        + pool.getMetadata().getName(), JSON.asJson(status), status);
    pool.setStatus(status);
    if (pending.put(uid, next) == null) {
      writes.execute(() -> drain(uid));
    }
  }

  /**
   * Sends the pool's pending status until none is left. Only one drain runs per pool: a new one is started only by the
   * write that finds nothing pending, which is after the running drain removed its last and stopped.
   */
  private void drain(String uid) {
    while (true) {
      Pending next = pending.get(uid);
      if (next == null) {
        return;
      }
      try {
        // resource(pool), not withName(...): by name, fabric8 first GETs the object to patch, one more request
        next.resource().subresource("status").patch(PatchContext.of(PatchType.JSON),
            "[{\"op\":\"add\",\"path\":\"/status\",\"value\":" + next.json() + "}]");
      } catch (RuntimeException e) {
        written.remove(uid, next.status());
        LOG.warn("{}: could not write the status (the next reconcile writes it again): {}", next.pool(),
            e.getMessage());
      }
      if (pending.remove(uid, next)) {
        return;
      }
    }
  }

  private record Pending(Resource<WorkerPool> resource, String pool, String json, WorkerPoolStatus status) {
  }
}
