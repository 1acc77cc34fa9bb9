package dev.ebb.worker.runtime;

import dev.ebb.worker.job.Job;
import dev.ebb.worker.job.JobHandler;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one handler call and turns every outcome into a value: a handler can throw anything (even an Error) without
 * harming the worker. A job without a timeout runs on the processor's thread (no hand-off cost); a job with one runs
 * on this runner's own thread, and when it overruns the processor stops waiting, interrupts the thread, and the
 * attempt fails with a {@link TimeoutException}. A thread that ignores the interrupt is abandoned (it is a daemon)
 * and the next job gets a fresh one.
 */
final class JobRunner {

  private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

  private final String name;
  private final WorkerActivity activity;
  private ExecutorService executor;
  private Thread thread;

  JobRunner(String name, WorkerActivity activity) {
    this.name = name;
    this.activity = activity;
  }

  /** Null when the handler returned normally, else what it threw (or the timeout). */
  Throwable run(JobHandler handler, Job job, long timeoutMs) {
    if (timeoutMs <= 0) {
      try {
        handler.handle(job);
        return null;
      } catch (Throwable failure) {
        return failure;
      }
    }
    Future<?> call = executor().submit(() -> {
      handler.handle(job);
      return null;
    });
    try {
      call.get(timeoutMs, TimeUnit.MILLISECONDS);
      return null;
    } catch (ExecutionException failed) {
      return failed.getCause();
    } catch (TimeoutException overran) {
      abandon(call, job);
      return new TimeoutException("job " + job.id() + " (" + job.type() + ") ran longer than its timeout of "
          + timeoutMs + " ms");
    } catch (InterruptedException shutdown) {
      abandon(call, job);
      Thread.currentThread().interrupt();
      return shutdown;
    }
  }

  private void abandon(Future<?> call, Job job) {
    call.cancel(true);
    try {
      executor.shutdownNow();
      if (!executor.awaitTermination(100, TimeUnit.MILLISECONDS)) {
        log.warn("Job {} ({}) ignored the interrupt after its timeout; its thread is abandoned", job.id(), job.type());
        activity.abandoned(thread);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    executor = null;
  }

  private ExecutorService executor() {
    if (executor == null) {
      executor = Executors.newSingleThreadExecutor(task -> {
        thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
      });
    }
    return executor;
  }

  void close() {
    if (executor != null) {
      executor.shutdownNow();
    }
  }
}
