package dev.ebb.worker.job;

/**
 * Runs jobs of one type. Throwing fails the attempt: the job is retried with backoff, and dead-lettered after its
 * last attempt. Handlers run concurrently and should be idempotent: delivery is at least once. A handler that runs
 * past the job's {@code timeoutMs} is interrupted; it should let {@link InterruptedException} propagate.
 *
 * <p>Registered through {@code EBB_HANDLERS} by class name: the class needs a public no-argument constructor.
 */
public interface JobHandler {

  /** The job type this handler runs, unless {@code EBB_HANDLERS} names another ({@code type=class}). */
  String type();

  void handle(Job job) throws Exception;
}
