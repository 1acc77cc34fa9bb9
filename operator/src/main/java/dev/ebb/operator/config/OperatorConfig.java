package dev.ebb.operator.config;

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
 * @param reconcileThreads concurrent reconciliations ({@code EBB_RECONCILE_THREADS}, default 10)
 * @param invalidSpecRetry how soon a pool whose spec cannot work is looked at again, for what a spec change does not
 *     announce (a Secret created later): {@code EBB_INVALID_SPEC_RETRY}, default 1m
 */
public record OperatorConfig(
    Set<String> watchNamespaces,
    int httpPort,
    boolean leaderElection,
    String leaseName,
    Optional<String> leaseNamespace,
    String identity,
    int reconcileThreads,
    Duration invalidSpecRetry) {

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
        read.integer("EBB_RECONCILE_THREADS", 10),
        read.duration("EBB_INVALID_SPEC_RETRY", Duration.ofMinutes(1)));
  }

  /** Settings for tests and embedding: all namespaces, an ephemeral HTTP port, no leader election. */
  public static OperatorConfig defaults() {
    return from(Map.of("EBB_HTTP_PORT", "0"));
  }

  public OperatorConfig withInvalidSpecRetry(Duration retry) {
    return new OperatorConfig(watchNamespaces, httpPort, leaderElection, leaseName, leaseNamespace, identity,
        reconcileThreads, retry);
  }

  private static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      return "ebb-operator";
    }
  }
}
