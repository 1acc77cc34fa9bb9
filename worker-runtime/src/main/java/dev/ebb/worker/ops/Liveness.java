package dev.ebb.worker.ops;

import dev.ebb.worker.runtime.ProcessorStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether the job loops still make progress (pure). A running worker is not live when a processor
 * <ul>
 *   <li>runs a job that has a timeout for longer than {@code timeout + stallAfter}: the timeout did not free the
 *   processor, or</li>
 *   <li>runs no job and its loop has not iterated for {@code stallAfter}: the fetch loop is wedged (it normally
 *   iterates at least once per fetch block timeout, even on an empty queue or while reconnecting to Redis),</li>
 * </ul>
 * or when as many job threads as there are processors ignored their interrupt after a timeout and still run (the
 * processors moved on, but the process is filling up with stuck threads).
 * A job without a timeout may run as long as it likes; the heartbeat's {@code oldestRunningMs} shows it. A worker that
 * is shutting down is always live (its processors stop on purpose).
 */
public final class Liveness {

  private Liveness() {
  }

  /** The problems found; empty means live. */
  public static List<String> problems(long now, List<ProcessorStatus.Snapshot> processors, Duration stallAfter,
      int abandonedThreads) {
    List<String> problems = new ArrayList<>();
    if (abandonedThreads > 0 && abandonedThreads >= processors.size()) {
      problems.add(abandonedThreads + " job thread(s) ignored the interrupt after their timeout and still run");
    }
    long stallMs = stallAfter.toMillis();
    for (int i = 0; i < processors.size(); i++) {
      ProcessorStatus.Snapshot p = processors.get(i);
      if (p.busy() && p.runningTimeoutMs() > 0 && now - p.runningSince() > p.runningTimeoutMs() + stallMs) {
        problems.add("processor " + i + " has run one job for " + (now - p.runningSince()) + " ms, past its timeout of "
            + p.runningTimeoutMs() + " ms plus " + stallMs + " ms");
      } else if (!p.busy() && now - p.lastProgress() > stallMs) {
        problems.add("processor " + i + " has not iterated its fetch loop for " + (now - p.lastProgress()) + " ms");
      }
    }
    return problems;
  }
}
