package dev.ebb.operator.validation;

import dev.ebb.api.v1alpha1.RedisQueueSpec;
import dev.ebb.api.v1alpha1.SecretKeyRef;
import dev.ebb.api.v1alpha1.WorkerPool;
import dev.ebb.operator.memory.LivePools;
import dev.ebb.operator.memory.PerPoolMemory;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Reads the Redis password a pool refers to: one GET of the named Secret (never a list or watch of Secrets), kept for
 * a short while so that polling every second does not mean a GET every second. Only a Secret that carries the label
 * {@value #LABEL}{@code : "true"} may be used (unless that check is turned off), so that a pool's author cannot send
 * any other Secret of the namespace to a queue address of their choosing. A Secret that is missing, lacks the key or
 * lacks the label is one {@link SpecProblem} whose message does not say which (it would tell which Secrets and keys
 * exist); absence is not cached, so a Secret created or labelled later is picked up at the next look. The value is
 * held in memory only, for at most {@code keepFor} after it was read, never logged or written anywhere; it is
 * forgotten at once when the queue refuses it ({@link #forget}: a rotated Secret is read again at the next look) and
 * when no live pool names it any more ({@link #forgetAllBut}).
 */
public final class SecretReferences implements PerPoolMemory {

  public static final String LABEL = "ebb.dev/queue-credentials";
  static final String NOT_AVAILABLE = "SecretNotAvailable";

  private final KubernetesClient client;
  private final Clock clock;
  private final Duration keepFor;
  private final boolean labelRequired;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();
  private volatile Instant nextSweep = Instant.MIN;

  public SecretReferences(KubernetesClient client, Clock clock, Duration keepFor, boolean labelRequired) {
    this.client = client;
    this.clock = clock;
    this.keepFor = keepFor;
    this.labelRequired = labelRequired;
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
    String cacheKey = cacheKey(pool).orElseThrow();
    Instant now = clock.instant();
    sweepExpired(now);
    Cached cached = cache.get(cacheKey);
    if (cached != null && cached.until.isAfter(now)) {
      return Resolved.password(cached.value);
    }
    Secret secret = client.secrets().inNamespace(namespace).withName(ref.getName()).get();
    Optional<String> value = secret == null || !usable(secret) ? Optional.empty() : valueOf(secret, ref.getKey());
    if (value.isEmpty()) {
      cache.remove(cacheKey);
      return Resolved.problem(new SpecProblem(NOT_AVAILABLE, "Secret " + ref.getName() + " key " + ref.getKey()
          + " (queue.redis.passwordFrom) is not available to Ebb: it must exist in namespace " + namespace
          + ", hold the key" + (labelRequired ? " and carry the label " + LABEL + "=true" : "")));
    }
    cache.put(cacheKey, new Cached(value.get(), now.plus(keepFor)));
    return Resolved.password(value.get());
  }

  /**
   * Forgets the value a pool uses, so that the next look reads its Secret again: called when the queue refused the
   * password, which is what a rotated Secret looks like until it is read again.
   */
  public void forget(WorkerPool pool) {
    cacheKey(pool).ifPresent(cache::remove);
  }

  /** Keeps only the values a live pool refers to: a deleted pool's password goes at the next sweep, not 60 s later. */
  @Override
  public void forgetAllBut(LivePools live) {
    Set<String> referred = live.pools().stream().map(SecretReferences::cacheKey).flatMap(Optional::stream)
        .collect(Collectors.toSet());
    cache.keySet().retainAll(referred);
  }

  private static Optional<String> cacheKey(WorkerPool pool) {
    RedisQueueSpec redis = pool.getSpec() == null || pool.getSpec().getQueue() == null ? null
        : pool.getSpec().getQueue().getRedis();
    SecretKeyRef ref = redis == null || redis.getPasswordFrom() == null ? null
        : redis.getPasswordFrom().getSecretKeyRef();
    if (ref == null || ref.getName() == null || ref.getKey() == null) {
      return Optional.empty();
    }
    return Optional.of(pool.getMetadata().getNamespace() + "/" + ref.getName() + "#" + ref.getKey());
  }

  private boolean usable(Secret secret) {
    Map<String, String> labels = secret.getMetadata().getLabels();
    return !labelRequired || (labels != null && "true".equals(labels.get(LABEL)));
  }

  /** Drops the values not read again within {@code keepFor}, at most once per {@code keepFor}. */
  private void sweepExpired(Instant now) {
    if (now.isBefore(nextSweep)) {
      return;
    }
    nextSweep = now.plus(keepFor);
    cache.values().removeIf(entry -> !entry.until.isAfter(now));
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
