package dev.ebb.operator.status;

/** The closed set of conditions a WorkerPool reports. */
public enum ConditionType {
  /** The spec is valid, the Deployment matches it, and the desired workers are ready. */
  Ready,
  /** The pool is running workers for jobs (false when scaled to zero). */
  Active,
  /** The queue could not be measured for a while, so the pool runs its fallback replicas. */
  Fallback,
  /** Scaling is paused by the spec. */
  Paused,
  /** Something is wrong that Ebb works around: reconcile errors, an unreadable heartbeat source. */
  Degraded,
  /**
   * Whether stale workers are restarted: false when the pool's format keeps no worker heartbeats (a bare list, Celery
   * over Redis, plain Laravel queue:work), so no worker can be judged stale.
   */
  StaleRestarts
}
