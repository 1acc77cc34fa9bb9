package dev.ebb.operator.validation;

import dev.ebb.api.v1alpha1.RedisQueueSpec;
import dev.ebb.api.v1alpha1.SecretKeyRef;
import dev.ebb.api.v1alpha1.WorkerPool;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the Redis password a pool refers to: one GET of the named Secret (never a list or watch of Secrets), kept for
 * a short while so that polling every second does not mean a GET every second. A missing Secret or key is a
 * {@link SpecProblem}, not an exception; absence is not cached, so a Secret created later is picked up at the next
 * look. The value is held in memory only, never logged or written anywhere.
 */
public final class SecretReferences {

  private final KubernetesClient client;
  private final Clock clock;
  private final Duration keepFor;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  public SecretReferences(KubernetesClient client, Clock clock, Duration keepFor) {
    this.client = client;
    this.clock = clock;
    this.keepFor = keepFor;
  }

  /** The password, none when the pool names no Secret, or the problem with the reference. */
  public Resolved resolve(WorkerPool pool) {
    RedisQueueSpec redis = pool.getSpec().getQueue().getRedis();
    if (redis == null || redis.getPasswordFrom() == null) {
      return Resolved.none();
    }
    SecretKeyRef ref = redis.getPasswordFrom().getSecretKeyRef();
    if (ref == null || ref.getName() == null || ref.getKey() == null) {
      return Resolved.problem(new SpecProblem("InvalidSecretReference",
          "queue.redis.passwordFrom.secretKeyRef needs a name and a key"));
    }
    String namespace = pool.getMetadata().getNamespace();
    String cacheKey = namespace + "/" + ref.getName() + "#" + ref.getKey();
    Instant now = clock.instant();
    Cached cached = cache.get(cacheKey);
    if (cached != null && cached.until.isAfter(now)) {
      return Resolved.password(cached.value);
    }
    Secret secret = client.secrets().inNamespace(namespace).withName(ref.getName()).get();
    if (secret == null) {
      cache.remove(cacheKey);
      return Resolved.problem(new SpecProblem("SecretNotFound", "Secret " + ref.getName()
          + " named in queue.redis.passwordFrom does not exist in namespace " + namespace));
    }
    Optional<String> value = valueOf(secret, ref.getKey());
    if (value.isEmpty()) {
      cache.remove(cacheKey);
      return Resolved.problem(new SpecProblem("SecretKeyNotFound",
          "Secret " + ref.getName() + " has no key " + ref.getKey()));
    }
    cache.put(cacheKey, new Cached(value.get(), now.plus(keepFor)));
    return Resolved.password(value.get());
  }

  private static Optional<String> valueOf(Secret secret, String key) {
    if (secret.getData() != null && secret.getData().containsKey(key)) {
      return Optional.of(new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8));
    }
    if (secret.getStringData() != null && secret.getStringData().containsKey(key)) {
      return Optional.of(secret.getStringData().get(key));
    }
    return Optional.empty();
  }

  /** The outcome of a look-up; its {@code toString} never shows the password. */
  public record Resolved(Optional<SpecProblem> problem, Optional<String> password) {

    static Resolved none() {
      return new Resolved(Optional.empty(), Optional.empty());
    }

    static Resolved problem(SpecProblem problem) {
      return new Resolved(Optional.of(problem), Optional.empty());
    }

    static Resolved password(String value) {
      return new Resolved(Optional.empty(), Optional.of(value));
    }

    @Override
    public String toString() {
      return "Resolved[problem=" + problem + ", password=" + (password.isPresent() ? "(set)" : "(none)") + "]";
    }
  }

  private record Cached(String value, Instant until) {
    @Override
    public String toString() {
      return "Cached[until=" + until + "]";
    }
  }
}
