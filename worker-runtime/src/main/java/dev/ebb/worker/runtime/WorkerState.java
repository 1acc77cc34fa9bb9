package dev.ebb.worker.runtime;

import java.util.Locale;

/** The worker's state as published in its heartbeat. */
public enum WorkerState {
  /** Fetching and running jobs. */
  RUNNING,
  /** Shutting down: no longer fetching, letting running jobs finish. */
  QUIET,
  /** Handing back unfinished jobs and exiting. */
  STOPPING;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
