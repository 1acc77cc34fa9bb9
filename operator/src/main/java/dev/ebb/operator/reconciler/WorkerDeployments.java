package dev.ebb.operator.reconciler;

import dev.ebb.api.v1alpha1.WorkerPool;
import dev.ebb.operator.event.PoolEvents;
import dev.ebb.operator.model.CachedFields;
import dev.ebb.operator.model.DeploymentMerge;
import dev.ebb.operator.model.DeploymentOwnership;
import dev.ebb.operator.model.PoolLabels;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.net.HttpURLConnection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Creates or updates a pool's Deployment without server-side apply: a change of replicas alone (nearly every write)
 * is a merge patch of {@code spec.replicas}; any other change is a plain update of the whole Deployment read from the
 * server (optimistic locking on {@code resourceVersion}), because the informer keeps Deployments without their
 * template spec ({@link CachedFields#ofDeployment}). Writes only the Deployment whose controller is the pool
 * ({@link DeploymentOwnership}) and there only what {@link DeploymentMerge} says Ebb owns; a Deployment of another
 * owner under the pool's name is a {@link DeploymentConflict}, never written. Tells the informer about its own writes
 * so the next reconcile does not act on a stale cache; an update that conflicts is merged onto the server's copy and
 * written again, up to {@value #UPDATE_ATTEMPTS} writes.
 */
public class WorkerDeployments {

  /** Writes of one reconcile that may meet a newer Deployment (409) before the reconcile fails and is retried. */
  private static final int UPDATE_ATTEMPTS = 3;
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

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
    Deployment updated = DeploymentMerge.replicasOnly(existing, change.get())
        ? scale(existing, desired.getSpec().getReplicas())
        : rewrite(pool, existing, desired);
    if (updated == null) {
      return existing;
    }
    remember(updated, existing);
    describe(pool, existing, updated, scaleReason);
    return updated;
  }

  /**
   * The usual write, a change of replicas alone: a merge patch of {@code spec.replicas}, which Ebb owns. It carries
   * no resourceVersion, so it cannot conflict with the Deployment controller's status writes, and needs no template.
   */
  private Deployment scale(Deployment existing, int replicas) {
    return client.apps().deployments().resource(existing)
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"replicas\":" + replicas + "}}");
  }

  /**
   * Any other change (template, labels, owner, strategy): the whole Deployment is written, merged onto it as the
   * server has it, since the cached copy has no template spec. Returns null when the server's copy needs nothing.
   */
  private Deployment rewrite(WorkerPool pool, Deployment existing, Deployment desired) {
    Deployment base = CachedFields.withoutTemplateSpec(existing) ? read(pool, existing) : existing;
    Optional<Deployment> change = DeploymentMerge.apply(base, desired);
    for (int attempt = 1; change.isPresent(); attempt++) {
      try {
        return client.apps().deployments().resource(change.get()).update();
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt == UPDATE_ATTEMPTS) {
          throw e;
        }
        // the copy written was older than the server's (the Deployment controller writes its status while it
        // scales): merge onto the Deployment as it stands and write again; after UPDATE_ATTEMPTS the reconcile
        // fails and is retried
        change = DeploymentMerge.apply(read(pool, existing), desired);
      }
    }
    return null;
  }

  /** The pool's Deployment as the server has it now, whole. */
  private Deployment read(WorkerPool pool, Deployment existing) {
    Deployment fresh = client.apps().deployments().inNamespace(existing.getMetadata().getNamespace())
        .withName(existing.getMetadata().getName()).get();
    if (fresh == null) {
      throw new KubernetesClientException("Deployment " + existing.getMetadata().getName() + " is gone",
          HttpURLConnection.HTTP_NOT_FOUND, null);
    }
    if (!DeploymentOwnership.ownedBy(fresh, pool)) {
      throw new DeploymentConflict(fresh);
    }
    return fresh;
  }

  private void describe(WorkerPool pool, Deployment before, Deployment after, String scaleReason) {
    if (!Objects.equals(templateHash(before), templateHash(after))) {
      events.normal(pool, "TemplateUpdated", "rolling out a new worker template to Deployment "
          + after.getMetadata().getName());
    }
    Integer from = before.getSpec().getReplicas();
    Integer to = after.getSpec().getReplicas();
    if (!Objects.equals(from, to)) {
      events.normal(pool, "Scaled", scaleReason);
    }
  }

  private static String templateHash(Deployment deployment) {
    Map<String, String> annotations = deployment.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(PoolLabels.TEMPLATE_HASH);
  }

  private void remember(Deployment now, Deployment before) {
    InformerEventSource<Deployment, WorkerPool> source = informer;
    if (source == null) {
      return;
    }
    ResourceID id = ResourceID.fromResource(now);
    // what the informer would cache of it: the same shape as every other cached Deployment
    Deployment cached = CachedFields.ofDeployment(SERIALIZATION.clone(now));
    if (before == null) {
      source.handleRecentResourceCreate(id, cached);
    } else {
      source.handleRecentResourceUpdate(id, cached, before);
    }
  }
}
