package dev.ebb.worker.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * What this worker has done and is doing: jobs done and failed, recent processing times, and each processor's status.
 * Written by the processors, read by the heartbeat, the liveness check and the metrics.
 */
public final class WorkerActivity {

  private final LongAdder done = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder reclaimedWhileRunning = new LongAdder();
  private final LongAdder interrupted = new LongAdder();
  private final AtomicBoolean reclaimSeen = new AtomicBoolean();
  private final ProcessingTimes times = new ProcessingTimes();
  private final List<ProcessorStatus> processors;
  private final Set<Thread> abandoned = ConcurrentHashMap.newKeySet();

  public WorkerActivity(int concurrency, long now) {
    List<ProcessorStatus> statuses = new ArrayList<>();
    for (int i = 0; i < concurrency; i++) {
      statuses.add(new ProcessorStatus(now));
    }
    this.processors = List.copyOf(statuses);
  }

  public ProcessorStatus processor(int index) {
    return processors.get(index);
  }

  public void finished(boolean succeeded, long durationMicros) {
    (succeeded ? done : failed).increment();
    times.record(durationMicros);
  }

  /**
   * Jobs that finished after a peer had reclaimed them (this worker hung past its heartbeat TTL): not acknowledged,
   * they run again. True for the first such report, so that it is logged once.
   */
  boolean reclaimedWhileRunning(int jobs) {
    reclaimedWhileRunning.add(jobs);
    return reclaimSeen.compareAndSet(false, true);
  }

  public long reclaimedWhileRunning() {
    return reclaimedWhileRunning.sum();
  }

  /** A job the shutdown deadline stopped: handed back to the queue, it runs again; neither done nor failed. */
  void jobInterrupted() {
    interrupted.increment();
  }

  public long interrupted() {
    return interrupted.sum();
  }

  public ProcessingTimes times() {
    return times;
  }

  public long done() {
    return done.sum();
  }

  public long failed() {
    return failed.sum();
  }

  public List<ProcessorStatus.Snapshot> snapshots() {
    return processors.stream().map(ProcessorStatus::snapshot).toList();
  }

  /** A job thread that ignored its interrupt after a timeout: the processor moved on without it. */
  void abandoned(Thread thread) {
    abandoned.add(thread);
  }

  /** Abandoned job threads that are still running. */
  public int abandonedAlive() {
    abandoned.removeIf(thread -> !thread.isAlive());
    return abandoned.size();
  }

  public int busy() {
    return (int) processors.stream().filter(p -> p.snapshot().busy()).count();
  }
}
