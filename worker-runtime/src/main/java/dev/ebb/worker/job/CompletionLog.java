package dev.ebb.worker.job;

/** Where the demo handler records that a job ran, so tests and demos can count runs per job id. */
@FunctionalInterface
public interface CompletionLog {

  CompletionLog NONE = jobId -> { };

  void record(String jobId);
}
