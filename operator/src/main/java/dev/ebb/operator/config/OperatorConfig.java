package dev.ebb.operator.config;

import dev.ebb.operator.network.QueueNetworks;
import dev.ebb.operator.validation.QueueAddressPolicy;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Operator-wide settings, read once from the environment at start-up and passed by constructor. Nothing else in the
 * operator reads the environment; per-pool knobs live in the WorkerPool spec.
 *
 * @param watchNamespaces namespaces to watch; empty means all ({@code EBB_WATCH_NAMESPACES}, comma-separated)
 * @param httpPort port of the health and metrics server ({@code EBB_HTTP_PORT}, default 8080; 0 picks a free port)
 * @param leaderElection whether to elect a leader through a Lease ({@code EBB_LEADER_ELECTION}, default false)
 * @param leaseName the Lease's name ({@code EBB_LEASE_NAME}, default {@code ebb-operator})
 * @param leaseNamespace the Lease's namespace ({@code EBB_LEASE_NAMESPACE}; empty: the client's namespace)
 * @param identity this replica's name in the Lease ({@code EBB_POD_NAME}, else the host name)
 * @param reconcileThreads concurrent reconciliations ({@code EBB_RECONCILE_THREADS}, default 32: they mostly wait on the
 *     API server, so a burst over many pools needs more of them than cores)
 * @param invalidSpecRetry how soon a pool whose spec cannot work is looked at again, for what a spec change does not
 *     announce (a Secret created later): {@code EBB_INVALID_SPEC_RETRY}, default 1m
 * @param measureThreads threads that read queues, shared by all pools ({@code EBB_MEASURE_THREADS}, default 16)
 * @param redisTimeout bound on every Redis connect and call ({@code EBB_REDIS_TIMEOUT}, default 2s)
 * @param statusFiguresInterval least time between two status writes that change only the live figures
 *     ({@code EBB_STATUS_FIGURES_INTERVAL}, default 10s)
 * @param leaseDuration how long a Lease holder is leader without renewing; a standby takes over after it
 *     ({@code EBB_LEASE_DURATION}, default 15s)
 * @param renewDeadline how long the leader keeps trying to renew before it gives up leading
 *     ({@code EBB_RENEW_DEADLINE}, default 10s; less than the lease duration)
 * @param retryPeriod how often the Lease is renewed, and how often a standby tries to take it
 *     ({@code EBB_RETRY_PERIOD}, default 2s; less than the renew deadline)
 * @param exitOnLostLease whether the process exits (status 1) when it loses the Lease it held, so that Kubernetes
 *     restarts it clean instead of a former leader reconciling beside the new one ({@code EBB_EXIT_ON_LOST_LEASE},
 *     default true; false only for tests that run several operators in one JVM)
 * @param unhealthyLimit how long an informer may stay unhealthy (not watching, not synced) before {@code /healthz}
 *     fails and Kubernetes restarts the operator ({@code EBB_UNHEALTHY_LIMIT}, default 60s)
 * @param secretLabelRequired whether a pool may only name Secrets that carry the label
 *     {@code ebb.dev/queue-credentials: "true"} ({@code EBB_SECRET_LABEL_REQUIRED}, default true): a namespace's
 *     other Secrets are never sent to a queue address a pool's author chose
 * @param allowedQueueAddresses the queue servers pools may point the operator at: CIDR blocks and DNS names, a
 *     leading {@code *.} for any subdomain ({@code EBB_ALLOWED_QUEUE_ADDRESSES}, comma-separated; default empty: all)
 * @param allowedQueueNetworks CIDR blocks every address a queue server's name resolves to must be in, checked at
 *     connect time ({@code EBB_ALLOWED_QUEUE_NETWORKS}, comma-separated; default empty: no check)
 */
public record OperatorConfig(
    Set<String> watchNamespaces,
    int httpPort,
    boolean leaderElection,
    String leaseName,
    Optional<String> leaseNamespace,
    String identity,
    int reconcileThreads,
    Duration invalidSpecRetry,
    int measureThreads,
    Duration redisTimeout,
    Duration statusFiguresInterval,
    Duration leaseDuration,
    Duration renewDeadline,
    Duration retryPeriod,
    boolean exitOnLostLease,
    Duration unhealthyLimit,
    boolean secretLabelRequired,
    Set<String> allowedQueueAddresses,
    Set<String> allowedQueueNetworks) {

  public OperatorConfig {
    QueueAddressPolicy.of(allowedQueueAddresses); // a bad rule stops the operator at start, naming the rule
    QueueNetworks.of(allowedQueueNetworks);
    if (leaderElection && !(retryPeriod.compareTo(renewDeadline) < 0 && renewDeadline.compareTo(leaseDuration) < 0)) {
      throw new IllegalArgumentException("leader election needs EBB_RETRY_PERIOD < EBB_RENEW_DEADLINE < "
          + "EBB_LEASE_DURATION, got " + retryPeriod + ", " + renewDeadline + ", " + leaseDuration);
    }
  }

  public static OperatorConfig fromEnvironment() {
    return from(System.getenv());
  }

  public static OperatorConfig from(Map<String, String> env) {
    EnvironmentReader read = new EnvironmentReader(env);
    return new OperatorConfig(
        read.set("EBB_WATCH_NAMESPACES"),
        read.integer("EBB_HTTP_PORT", 8080),
        read.bool("EBB_LEADER_ELECTION", false),
        read.string("EBB_LEASE_NAME", "ebb-operator"),
        read.optional("EBB_LEASE_NAMESPACE"),
        read.string("EBB_POD_NAME", hostName()),
        read.integer("EBB_RECONCILE_THREADS", 32),
        read.duration("EBB_INVALID_SPEC_RETRY", Duration.ofMinutes(1)),
        read.integer("EBB_MEASURE_THREADS", 16),
        read.duration("EBB_REDIS_TIMEOUT", Duration.ofSeconds(2)),
        read.duration("EBB_STATUS_FIGURES_INTERVAL", Duration.ofSeconds(10)),
        read.duration("EBB_LEASE_DURATION", Duration.ofSeconds(15)),
        read.duration("EBB_RENEW_DEADLINE", Duration.ofSeconds(10)),
        read.duration("EBB_RETRY_PERIOD", Duration.ofSeconds(2)),
        read.bool("EBB_EXIT_ON_LOST_LEASE", true),
        read.duration("EBB_UNHEALTHY_LIMIT", Duration.ofSeconds(60)),
        read.bool("EBB_SECRET_LABEL_REQUIRED", true),
        read.set("EBB_ALLOWED_QUEUE_ADDRESSES"),
        read.set(QueueNetworks.SETTING));
  }

  /** Settings for tests and embedding: all namespaces, an ephemeral HTTP port, no leader election. */
  public static OperatorConfig defaults() {
    return from(Map.of("EBB_HTTP_PORT", "0"));
  }

  public OperatorConfig withInvalidSpecRetry(Duration retry) {
    return new OperatorConfig(watchNamespaces, httpPort, leaderElection, leaseName, leaseNamespace, identity,
        reconcileThreads, retry, measureThreads, redisTimeout, statusFiguresInterval, leaseDuration, renewDeadline,
        retryPeriod, exitOnLostLease, unhealthyLimit, secretLabelRequired, allowedQueueAddresses,
        allowedQueueNetworks);
  }

  public OperatorConfig withStatusFiguresInterval(Duration interval) {
    return new OperatorConfig(watchNamespaces, httpPort, leaderElection, leaseName, leaseNamespace, identity,
        reconcileThreads, invalidSpecRetry, measureThreads, redisTimeout, interval, leaseDuration, renewDeadline,
        retryPeriod, exitOnLostLease, unhealthyLimit, secretLabelRequired, allowedQueueAddresses,
        allowedQueueNetworks);
  }

  private static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      return "ebb-operator";
    }
  }
}
