package dev.ebb.operator.reconciler;

import dev.ebb.api.v1alpha1.WorkerPool;
import dev.ebb.operator.event.PoolEvents;
import dev.ebb.operator.model.DeploymentMerge;
import dev.ebb.operator.model.DeploymentOwnership;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.net.HttpURLConnection;
import java.util.Objects;
import java.util.Optional;

/**
 * Creates or updates a pool's Deployment with plain create and update calls (optimistic locking on
 * {@code resourceVersion}), so that it works without server-side apply. Writes only the Deployment whose controller
 * is the pool ({@link DeploymentOwnership}) and there only what {@link DeploymentMerge} says Ebb owns; a Deployment
 * of another owner under the pool's name is a {@link DeploymentConflict}, never written. Tells the informer about its
 * own writes so the next reconcile does not act on a stale cache; an update that conflicts because the cache was
 * stale anyway is merged onto the server's copy and written again, up to {@value #UPDATE_ATTEMPTS} writes.
 */
public class WorkerDeployments {

  /** Writes of one reconcile that may meet a newer Deployment (409) before the reconcile fails and is retried. */
  private static final int UPDATE_ATTEMPTS = 3;

  private final KubernetesClient client;
  private final PoolEvents events;
  private volatile InformerEventSource<Deployment, WorkerPool> informer;

  public WorkerDeployments(KubernetesClient client, PoolEvents events) {
    this.client = client;
    this.events = events;
  }

  void useInformer(InformerEventSource<Deployment, WorkerPool> informer) {
    this.informer = informer;
  }

  /**
   * The Deployment the informer has for the pool, when it is the pool's own.
   *
   * @throws DeploymentConflict when the cached Deployment belongs to someone else
   */
  public Optional<Deployment> owned(WorkerPool pool, Optional<Deployment> cached) {
    if (cached.isPresent() && !DeploymentOwnership.ownedBy(cached.get(), pool)) {
      throw new DeploymentConflict(cached.get());
    }
    return cached;
  }

  /**
   * Makes the pool's Deployment say what {@code desired} says; returns the Deployment as it now stands.
   *
   * @throws DeploymentConflict when a Deployment with its name exists and is not the pool's own
   */
  public Deployment apply(WorkerPool pool, Optional<Deployment> cached, Deployment desired, String scaleReason) {
    Deployment existing = owned(pool, cached).orElse(null);
    if (existing == null) {
      try {
        Deployment created = client.apps().deployments().resource(DeploymentMerge.forCreate(desired)).create();
        remember(created, null);
        events.normal(pool, "DeploymentCreated", "created Deployment " + created.getMetadata().getName()
            + " with " + desired.getSpec().getReplicas() + " replicas");
        return created;
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
          throw e;
        }
        existing = client.apps().deployments().inNamespace(desired.getMetadata().getNamespace())
            .withName(desired.getMetadata().getName()).get();
        if (existing == null) {
          throw e;
        }
        if (!DeploymentOwnership.ownedBy(existing, pool)) {
          throw new DeploymentConflict(existing);
        }
      }
    }
    Optional<Deployment> change = DeploymentMerge.apply(existing, desired);
    if (change.isEmpty()) {
      return existing;
    }
    Deployment updated = null;
    Deployment base = existing;
    for (int attempt = 1; updated == null; attempt++) {
      try {
        updated = client.apps().deployments().resource(change.get()).update();
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt == UPDATE_ATTEMPTS) {
          throw e;
        }
        // the copy written was older than the server's (the Deployment controller writes its status while it
        // scales): merge onto the Deployment as it stands and write again; after UPDATE_ATTEMPTS the reconcile
        // fails and is retried
        Deployment fresh = client.apps().deployments().inNamespace(existing.getMetadata().getNamespace())
            .withName(existing.getMetadata().getName()).get();
        if (fresh == null) {
          throw e;
        }
        if (!DeploymentOwnership.ownedBy(fresh, pool)) {
          throw new DeploymentConflict(fresh);
        }
        change = DeploymentMerge.apply(fresh, desired);
        base = fresh;
        if (change.isEmpty()) {
          return fresh;
        }
      }
    }
    existing = base;
    remember(updated, existing);
    describe(pool, existing, updated, scaleReason);
    return updated;
  }

  private void describe(WorkerPool pool, Deployment before, Deployment after, String scaleReason) {
    if (!Objects.equals(before.getSpec().getTemplate(), after.getSpec().getTemplate())) {
      events.normal(pool, "TemplateUpdated", "rolling out a new worker template to Deployment "
          + after.getMetadata().getName());
    }
    Integer from = before.getSpec().getReplicas();
    Integer to = after.getSpec().getReplicas();
    if (!Objects.equals(from, to)) {
      events.normal(pool, "Scaled", scaleReason);
    }
  }

  private void remember(Deployment now, Deployment before) {
    InformerEventSource<Deployment, WorkerPool> source = informer;
    if (source == null) {
      return;
    }
    ResourceID id = ResourceID.fromResource(now);
    if (before == null) {
      source.handleRecentResourceCreate(id, now);
    } else {
      source.handleRecentResourceUpdate(id, now, before);
    }
  }
}
