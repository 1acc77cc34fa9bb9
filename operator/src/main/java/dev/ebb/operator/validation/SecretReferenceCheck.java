package dev.ebb.operator.validation;

import dev.ebb.api.v1alpha1.RedisQueueSpec;
import dev.ebb.api.v1alpha1.SecretKeyRef;
import dev.ebb.api.v1alpha1.WorkerPool;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;

/** Checks that the Secret a pool refers to exists and has the key; reads it with one GET, never lists Secrets. */
public final class SecretReferenceCheck {

  private final KubernetesClient client;

  public SecretReferenceCheck(KubernetesClient client) {
    this.client = client;
  }

  public Optional<SpecProblem> check(WorkerPool pool) {
    RedisQueueSpec redis = pool.getSpec().getQueue().getRedis();
    if (redis == null || redis.getPasswordFrom() == null) {
      return Optional.empty();
    }
    SecretKeyRef ref = redis.getPasswordFrom().getSecretKeyRef();
    if (ref == null || ref.getName() == null || ref.getKey() == null) {
      return Optional.of(new SpecProblem("InvalidSecretReference",
          "queue.redis.passwordFrom.secretKeyRef needs a name and a key"));
    }
    Secret secret = client.secrets().inNamespace(pool.getMetadata().getNamespace()).withName(ref.getName()).get();
    if (secret == null) {
      return Optional.of(new SpecProblem("SecretNotFound",
          "Secret " + ref.getName() + " named in queue.redis.passwordFrom does not exist in namespace "
              + pool.getMetadata().getNamespace()));
    }
    boolean hasKey = (secret.getData() != null && secret.getData().containsKey(ref.getKey()))
        || (secret.getStringData() != null && secret.getStringData().containsKey(ref.getKey()));
    if (!hasKey) {
      return Optional.of(new SpecProblem("SecretKeyNotFound",
          "Secret " + ref.getName() + " has no key " + ref.getKey()));
    }
    return Optional.empty();
  }
}
