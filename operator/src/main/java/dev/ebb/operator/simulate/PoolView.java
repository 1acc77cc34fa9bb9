package dev.ebb.operator.simulate;

import java.util.List;

/** What an autoscaler under simulation may read of the pool at the current simulated second. */
interface PoolView {

  /** Pods the Deployment asks for: every pod that is not shutting down. */
  int replicas();

  /** The pods that exist now and were seen becoming ready, as the operator sees them in its informer. */
  default List<StartedPod> startedPods() {
    return List.of();
  }

  /** A pod's creation and readiness, in seconds of the run. */
  record StartedPod(long id, double createdAt, double readyAt) {
  }

  /** Pods past their start-up delay. */
  int readyWorkers();

  /** Pods running at least one job. */
  int busyWorkers();

  int runningJobs();

  /** Job slots per worker. */
  int concurrency();

  /** Jobs waiting. */
  long depth();

  /** Seconds the oldest waiting job has waited; 0 when none waits. */
  double oldestWait();

  /** Jobs enqueued since the start (a counter). */
  long arrived();

  /** Jobs finished since the start (a counter). */
  long completed();

  /** Sum of the processing times of the finished jobs, in seconds (a counter). */
  double processedSeconds();
}
