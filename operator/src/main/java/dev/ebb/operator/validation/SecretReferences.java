package dev.ebb.operator.validation;

import dev.ebb.api.v1alpha1.QueueSpec;
import dev.ebb.api.v1alpha1.SecretKeyReference;
import dev.ebb.api.v1alpha1.SecretKeyRef;
import dev.ebb.api.v1alpha1.WorkerPool;
import dev.ebb.operator.memory.LivePools;
import dev.ebb.operator.memory.PerPoolMemory;
import dev.ebb.operator.scaler.Credentials;
import dev.ebb.operator.scaler.QueueBlock;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads the credentials a pool's queue block refers to (a Redis password, a RabbitMQ user, an SQS key pair): one GET
 * of each named Secret (never a list or watch of Secrets), kept for a short while so that polling every second does
 * not mean a GET every second. Only a Secret that carries the label
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
  private final Function<QueueSpec, Optional<QueueBlock<?>>> blocks;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();
  private volatile Instant nextSweep = Instant.MIN;

  /** @param blocks the pool's backend block, whose Secret references are read */
  public SecretReferences(KubernetesClient client, Clock clock, Duration keepFor, boolean labelRequired,
      Function<QueueSpec, Optional<QueueBlock<?>>> blocks) {
    this.client = client;
    this.clock = clock;
    this.keepFor = keepFor;
    this.labelRequired = labelRequired;
    this.blocks = blocks;
  }

  /** The values of every Secret reference the pool's queue block names (none when it names none), or the problem. */
  public Resolved resolve(WorkerPool pool) {
    Optional<QueueBlock<?>> block = blocks.apply(pool.getSpec().getQueue());
    if (block.isEmpty() || block.get().secretReferences().isEmpty()) {
      return Resolved.none();
    }
    Map<String, String> values = new TreeMap<>();
    for (Map.Entry<String, SecretKeyReference> reference : new TreeMap<>(block.get().secretReferences()).entrySet()) {
      String path = block.get().path(reference.getKey());
      Either value = read(pool, path, reference.getValue());
      if (value.problem != null) {
        return Resolved.problem(value.problem);
      }
      values.put(reference.getKey(), value.value);
    }
    return Resolved.credentials(Credentials.of(values));
  }

  private Either read(WorkerPool pool, String path, SecretKeyReference reference) {
    SecretKeyRef ref = reference.getSecretKeyRef();
    if (ref == null || ref.getName() == null || ref.getKey() == null) {
      return Either.of(new SpecProblem("InvalidSecretReference", path + ".secretKeyRef needs a name and a key"));
    }
    String namespace = pool.getMetadata().getNamespace();
    String cacheKey = cacheKey(namespace, ref);
    Instant now = clock.instant();
    sweepExpired(now);
    Cached cached = cache.get(cacheKey);
    if (cached != null && cached.until.isAfter(now)) {
      return Either.of(cached.value);
    }
    Secret secret = client.secrets().inNamespace(namespace).withName(ref.getName()).get();
    Optional<String> value = secret == null || !usable(secret) ? Optional.empty() : valueOf(secret, ref.getKey());
    if (value.isEmpty()) {
      cache.remove(cacheKey);
      return Either.of(new SpecProblem(NOT_AVAILABLE, "Secret " + ref.getName() + " key " + ref.getKey()
          + " (" + path + ") is not available to Ebb: it must exist in namespace " + namespace
          + ", hold the key" + (labelRequired ? " and carry the label " + LABEL + "=true" : "")));
    }
    cache.put(cacheKey, new Cached(value.get(), now.plus(keepFor)));
    return Either.of(value.get());
  }

  /**
   * Forgets the values a pool uses, so that the next look reads its Secrets again: called when the queue refused the
   * credentials, which is what a rotated Secret looks like until it is read again.
   */
  public void forget(WorkerPool pool) {
    cacheKeys(pool).forEach(cache::remove);
  }

  /** Keeps only the values a live pool refers to: a deleted pool's password goes at the next sweep, not 60 s later. */
  @Override
  public void forgetAllBut(LivePools live) {
    Set<String> referred = live.pools().stream().flatMap(pool -> cacheKeys(pool).stream())
        .collect(Collectors.toSet());
    cache.keySet().retainAll(referred);
  }

  private List<String> cacheKeys(WorkerPool pool) {
    if (pool.getSpec() == null) {
      return List.of();
    }
    return blocks.apply(pool.getSpec().getQueue()).stream()
        .flatMap(block -> block.secretReferences().values().stream())
        .map(SecretKeyReference::getSecretKeyRef)
        .filter(ref -> ref != null && ref.getName() != null && ref.getKey() != null)
        .map(ref -> cacheKey(pool.getMetadata().getNamespace(), ref))
        .toList();
  }

  private static String cacheKey(String namespace, SecretKeyRef ref) {
    return namespace + "/" + ref.getName() + "#" + ref.getKey();
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

  /** The outcome of a look-up; its {@code toString} never shows a value. */
  public record Resolved(Optional<SpecProblem> problem, Credentials credentials) {

    static Resolved none() {
      return new Resolved(Optional.empty(), Credentials.none());
    }

    static Resolved problem(SpecProblem problem) {
      return new Resolved(Optional.of(problem), Credentials.none());
    }

    static Resolved credentials(Credentials credentials) {
      return new Resolved(Optional.empty(), credentials);
    }
  }

  /** A value or the problem reading it. */
  private record Either(String value, SpecProblem problem) {
    static Either of(String value) {
      return new Either(value, null);
    }

    static Either of(SpecProblem problem) {
      return new Either(null, problem);
    }

    @Override
    public String toString() {
      return "Either[problem=" + problem + "]";
    }
  }

  private record Cached(String value, Instant until) {
    @Override
    public String toString() {
      return "Cached[until=" + until + "]";
    }
  }
}
