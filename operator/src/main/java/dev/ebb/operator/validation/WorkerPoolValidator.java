package dev.ebb.operator.validation;

import dev.ebb.api.v1alpha1.DurationFormat;
import dev.ebb.api.v1alpha1.RedisQueueSpec;
import dev.ebb.api.v1alpha1.WorkerPool;
import dev.ebb.api.v1alpha1.WorkerPoolSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks what the CRD schema cannot (an empty container list) and again what it can, for API servers that did not
 * enforce it (CEL needs Kubernetes 1.25+; the mock API server enforces nothing). Pure: the Secret check is
 * {@link SecretReferenceCheck}'s, at the edge.
 */
public final class WorkerPoolValidator {

  private WorkerPoolValidator() {
  }

  public static List<SpecProblem> validate(WorkerPool pool) {
    List<SpecProblem> problems = new ArrayList<>();
    WorkerPoolSpec spec = pool.getSpec();
    if (spec == null) {
      return List.of(new SpecProblem("InvalidSpec", "the pool has no spec"));
    }
    checkReplicas(spec, problems);
    checkQueue(spec, problems);
    checkDurations(spec, problems);
    checkTemplate(spec, problems);
    return problems;
  }

  private static void checkReplicas(WorkerPoolSpec spec, List<SpecProblem> problems) {
    if (spec.getReplicas() == null || spec.getReplicas().getMax() == null) {
      problems.add(new SpecProblem("InvalidReplicas", "replicas.max is required"));
      return;
    }
    int min = spec.getReplicas().getMin() == null ? 1 : spec.getReplicas().getMin();
    int max = spec.getReplicas().getMax();
    if (min < 0 || max < 1 || min > max) {
      problems.add(new SpecProblem("InvalidReplicas",
          "replicas must satisfy 0 <= min <= max and max >= 1, got min " + min + ", max " + max));
    }
  }

  private static void checkQueue(WorkerPoolSpec spec, List<SpecProblem> problems) {
    int backends = spec.getQueue() == null ? 0 : QueueBackendCount.of(spec.getQueue());
    if (backends != 1) {
      problems.add(new SpecProblem("InvalidQueue", "queue needs exactly one backend block, got " + backends));
      return;
    }
    RedisQueueSpec redis = spec.getQueue().getRedis();
    if (redis == null) {
      return; // the other backends' blocks are checked by the schema alone
    }
    if (redis.getQueue() == null || redis.getQueue().isBlank()) {
      problems.add(new SpecProblem("InvalidQueue", "queue.redis.queue is required"));
    }
    String address = redis.getAddress();
    if (address == null || !address.matches(RedisQueueSpec.ADDRESS_PATTERN)) {
      problems.add(new SpecProblem("InvalidAddress", "queue.redis.address must look like redis://host:6379/0"
          + " (or rediss:// for TLS, credentials in passwordFrom), got '" + withoutCredentials(address) + "'"));
    }
  }

  private static void checkDurations(WorkerPoolSpec spec, List<SpecProblem> problems) {
    if (spec.getScaling() != null) {
      checkDuration("scaling.pollingInterval", spec.getScaling().getPollingInterval(), problems);
      checkDuration("scaling.maxQueueLatency", spec.getScaling().getMaxQueueLatency(), problems);
      checkDuration("scaling.scaleToZeroAfter", spec.getScaling().getScaleToZeroAfter(), problems);
    }
    if (spec.getWorkers() != null) {
      String grace = spec.getWorkers().getShutdownGracePeriod();
      if (checkDuration("workers.shutdownGracePeriod", grace, problems) && DurationFormat.parse(grace).isZero()) {
        problems.add(new SpecProblem("InvalidDuration", "workers.shutdownGracePeriod must be longer than zero"));
      }
      if (spec.getWorkers().getHeartbeat() != null) {
        checkDuration("workers.heartbeat.staleAfter", spec.getWorkers().getHeartbeat().getStaleAfter(), problems);
      }
    }
  }

  /** True when the value is present and parses. */
  private static boolean checkDuration(String field, String value, List<SpecProblem> problems) {
    if (value == null) {
      return false;
    }
    try {
      DurationFormat.parse(value);
      return true;
    } catch (IllegalArgumentException e) {
      problems.add(new SpecProblem("InvalidDuration", field + ": " + e.getMessage()));
      return false;
    }
  }

  private static void checkTemplate(WorkerPoolSpec spec, List<SpecProblem> problems) {
    if (spec.getTemplate() == null || spec.getTemplate().getSpec() == null
        || spec.getTemplate().getSpec().getContainers() == null
        || spec.getTemplate().getSpec().getContainers().isEmpty()) {
      problems.add(new SpecProblem("NoContainers", "template.spec.containers must name at least one container"));
    }
  }

  /** An address as it may be shown: any user-info part is cut, so a password put there never reaches status. */
  static String withoutCredentials(String address) {
    if (address == null) {
      return "";
    }
    try {
      URI uri = new URI(address);
      if (uri.getRawUserInfo() != null) {
        return address.replace(uri.getRawUserInfo() + "@", "***@");
      }
    } catch (URISyntaxException e) {
      int at = address.lastIndexOf('@');
      return at < 0 ? address : "***" + address.substring(at);
    }
    return address;
  }
}
