package dev.ebb.worker.runtime;

import dev.ebb.worker.config.WorkerConfig;
import dev.ebb.worker.job.HandlerRegistry;
import dev.ebb.worker.ops.WorkerMetrics;
import dev.ebb.worker.protocol.QueueKeys;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.UnifiedJedis;

/** Owns the N processor threads: starts them, waits for them until a deadline, interrupts them. */
final class Manager {

  private final List<Thread> threads = new ArrayList<>();

  Manager(WorkerConfig config, UnifiedJedis redis, WorkerIdentity identity, HandlerRegistry handlers,
      WorkerActivity activity, WorkerMetrics metrics, OwnedJobs owned, Lifecycle lifecycle, Clock clock) {
    QueueKeys keys = new QueueKeys(config.queue());
    RetrySchedule retrySchedule = new RetrySchedule(config.retryBase(), config.retryCap());
    for (int i = 0; i < config.concurrency(); i++) {
      Processor processor = new Processor(
          new Fetcher(redis, keys, identity.id(), config.fetchTimeout()),
          new OutcomeRecorder(redis, keys, identity.id(), owned, lifecycle, activity, metrics,
              config.deadLetterCap()),
          new JobRunner("ebb-job-" + i, activity),
          handlers, retrySchedule, activity.processor(i), activity, metrics, owned, lifecycle, clock,
          config.maxBatch(), config.maxJobBytes());
      threads.add(new Thread(processor, "ebb-processor-" + i));
    }
  }

  void start() {
    threads.forEach(Thread::start);
  }

  /** Waits until every processor has stopped or the deadline (System.nanoTime) passed; true when all stopped. */
  boolean awaitStopped(long deadlineNanos) throws InterruptedException {
    for (Thread thread : threads) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        return threads.stream().noneMatch(Thread::isAlive);
      }
      TimeUnit.NANOSECONDS.timedJoin(thread, left);
    }
    return threads.stream().noneMatch(Thread::isAlive);
  }

  void interruptAll() {
    threads.forEach(Thread::interrupt);
  }
}
