package dev.ebb.worker.runtime;

/**
 * What one processor is doing, written by its thread and read by the heartbeat and the liveness check: when its loop
 * last made progress, and since when it runs its current job (0 when idle) with which timeout.
 */
public final class ProcessorStatus {

  private volatile long lastProgress;
  private volatile long runningSince;
  private volatile long runningTimeoutMs;

  public ProcessorStatus(long now) {
    this.lastProgress = now;
  }

  public void progressed(long now) {
    lastProgress = now;
  }

  public void started(long now, long timeoutMs) {
    runningTimeoutMs = timeoutMs;
    runningSince = now;
    lastProgress = now;
  }

  public void finished(long now) {
    runningSince = 0;
    lastProgress = now;
  }

  public Snapshot snapshot() {
    return new Snapshot(lastProgress, runningSince, runningTimeoutMs);
  }

  /**
   * @param runningSince epoch ms the current job started, 0 when idle
   * @param runningTimeoutMs the current job's timeout, 0 when it has none
   */
  public record Snapshot(long lastProgress, long runningSince, long runningTimeoutMs) {
    public boolean busy() {
      return runningSince != 0;
    }
  }
}
