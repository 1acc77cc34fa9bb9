package dev.ebb.worker.runtime;

import dev.ebb.worker.job.HandlerRegistry;
import dev.ebb.worker.job.Job;
import dev.ebb.worker.job.JobHandler;
import dev.ebb.worker.ops.WorkerMetrics;
import dev.ebb.worker.protocol.DeadLetter;
import dev.ebb.worker.protocol.Envelope;
import dev.ebb.worker.protocol.Envelope.MalformedEnvelopeException;
import dev.ebb.worker.protocol.JobError;
import dev.ebb.worker.protocol.Utf8;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.exceptions.JedisException;

/**
 * One of the worker's N job loops: fetch (a batch when jobs are quick) -> run each -> ack. Stops fetching as soon as
 * the worker goes quiet; jobs fetched but not started stay in the in-flight list and are handed back by the
 * {@link Launcher}. Nothing a job does ends the loop.
 */
final class Processor implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(Processor.class);
  private static final long HEARTBEAT_WAIT_MILLIS = 100;

  private final Fetcher fetcher;
  private final OutcomeRecorder outcomes;
  private final JobRunner runner;
  private final HandlerRegistry handlers;
  private final RetrySchedule retrySchedule;
  private final ProcessorStatus status;
  private final WorkerActivity activity;
  private final WorkerMetrics metrics;
  private final OwnedJobs owned;
  private final Lifecycle lifecycle;
  private final Clock clock;
  private final int maxBatch;
  private final int maxJobBytes;
  private boolean staleBeatLogged;

  Processor(Fetcher fetcher, OutcomeRecorder outcomes, JobRunner runner, HandlerRegistry handlers,
      RetrySchedule retrySchedule, ProcessorStatus status, WorkerActivity activity, WorkerMetrics metrics,
      OwnedJobs owned, Lifecycle lifecycle, Clock clock, int maxBatch, int maxJobBytes) {
    this.fetcher = fetcher;
    this.outcomes = outcomes;
    this.runner = runner;
    this.handlers = handlers;
    this.retrySchedule = retrySchedule;
    this.status = status;
    this.activity = activity;
    this.metrics = metrics;
    this.owned = owned;
    this.lifecycle = lifecycle;
    this.clock = clock;
    this.maxBatch = maxBatch;
    this.maxJobBytes = maxJobBytes;
  }

  @Override
  public void run() {
    Backoff backoff = new Backoff();
    try {
      while (lifecycle.fetching() && !Thread.currentThread().isInterrupted()) {
        long now = clock.millis();
        status.progressed(now);
        if (!lifecycle.heartbeatFresh(now)) {
          waitForHeartbeat();
          continue;
        }
        int batchSize = FetchBatchSize.next(activity.times().meanMicros(), maxBatch);
        long epoch = lifecycle.epoch(); // read before the fetch: the token is never newer than the fetch
        List<byte[]> batch;
        try {
          batch = fetchUnlessQuiet(batchSize);
          if (batch == null) {
            break;
          }
          staleBeatLogged = false;
          lifecycle.redisCall(true);
          if (backoff.failures() > 0) {
            log.info("Fetching again after {} failed tries", backoff.failures());
            backoff.reset();
          }
        } catch (JedisException e) {
          if (lifecycle.redisCall(false)) {
            log.warn("Cannot fetch from Redis ({}); processors reconnect with backoff up to {} ms", e.getMessage(),
                Backoff.CAP_MILLIS);
          }
          if (!backoff.pause()) {
            break;
          }
          continue;
        }
        batch.forEach(owned::add);
        try {
          for (byte[] envelope : batch) {
            if (!lifecycle.fetching()) {
              break;
            }
            process(envelope, epoch, batchSize);
          }
          outcomes.flush();
        } catch (RuntimeException bug) {
          // not a job failure (those are values): a defect in the loop itself; the jobs stay in flight and are
          // handed back at shutdown, and the loop goes on
          log.error("Job loop error; unfinished jobs of this batch stay in flight until shutdown", bug);
          if (!backoff.pause()) {
            break;
          }
        }
      }
      outcomes.flush();
    } finally {
      runner.close();
    }
  }

  /**
   * Null when the worker went quiet. The fetch is registered with the lifecycle before the last look at the state, so
   * the shutdown, once it sees no fetch registered, knows none can still move a job into the in-flight list.
   */
  private List<byte[]> fetchUnlessQuiet(int batchSize) {
    lifecycle.fetchStarted();
    try {
      return lifecycle.fetching() ? fetcher.fetch(batchSize) : null;
    } finally {
      lifecycle.fetchEnded();
    }
  }

  private void waitForHeartbeat() {
    if (!staleBeatLogged) {
      log.debug("Heartbeat not published for two intervals: not fetching until it is");
      staleBeatLogged = true;
    }
    try {
      Thread.sleep(HEARTBEAT_WAIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void process(byte[] raw, long epoch, int batchSize) {
    Envelope envelope;
    try {
      envelope = Envelope.parse(raw, maxJobBytes);
    } catch (MalformedEnvelopeException e) {
      log.warn("Dead-lettering an unparseable queue element ({}): {}", e.getMessage(), Utf8.abbreviate(raw, 200));
      outcomes.deadLetter(raw, epoch, DeadLetter.unparseable(raw, JobError.of(e), clock.millis()).toJson());
      metrics.finished("unparseable", WorkerMetrics.DEAD, -1);
      return;
    }
    Optional<JobHandler> handler = handlers.find(envelope.type());
    if (handler.isEmpty()) {
      log.warn("Dead-lettering job {}: no handler for type '{}' (registered: {})", envelope.id(), envelope.type(),
          handlers.types());
      JobError error = JobError.of("dev.ebb.worker.UnknownJobType", "no handler for job type " + envelope.type());
      outcomes.deadLetter(raw, epoch, envelope.dead(error, clock.millis(), DeadLetter.UNKNOWN_TYPE).toBytes());
      metrics.finished(envelope.type(), WorkerMetrics.DEAD, -1);
      return;
    }
    long startedAt = clock.millis();
    metrics.waited(startedAt - envelope.enqueuedAt());
    long timeoutMs = envelope.timeoutMs() == null ? 0 : envelope.timeoutMs();
    status.started(startedAt, timeoutMs);
    long start = System.nanoTime();
    Throwable failure = runner.run(handler.get(), Job.of(envelope), timeoutMs);
    long nanos = System.nanoTime() - start;
    long now = clock.millis();
    status.finished(now);
    if (failure != null && lifecycle.handedBack()) {
      // stopped by the shutdown deadline (interrupted, or failing after the hand-back): the job is back in the queue
      // and runs again, so it is neither a failure nor a processing time
      activity.jobInterrupted();
      return;
    }
    activity.finished(failure == null, nanos / 1000);
    if (failure == null) {
      metrics.finished(envelope.type(), WorkerMetrics.COMPLETED, nanos);
      outcomes.ack(raw, epoch, batchSize, now);
    } else {
      failed(raw, epoch, envelope, failure, nanos, now);
    }
  }

  private void failed(byte[] raw, long epoch, Envelope envelope, Throwable failure, long nanos, long now) {
    JobError error = JobError.of(failure);
    if (envelope.hasAttemptsLeft()) {
      long dueAt = now + retrySchedule.delayAfter(envelope.attempt(), ThreadLocalRandom.current()::nextDouble)
          .toMillis();
      log.info("Job {} ({}) failed attempt {}/{}: {}: {}; retry at {}", envelope.id(), envelope.type(),
          envelope.attempt(), envelope.maxAttempts(), error.className(), error.message(), dueAt);
      outcomes.retry(raw, epoch, envelope.nextAttempt(dueAt, error, now).toBytes(), dueAt);
      metrics.finished(envelope.type(), WorkerMetrics.RETRIED, nanos);
    } else {
      log.warn("Job {} ({}) failed its last attempt {}/{}: {}: {}; dead-lettered", envelope.id(), envelope.type(),
          envelope.attempt(), envelope.maxAttempts(), error.className(), error.message());
      outcomes.deadLetter(raw, epoch, envelope.dead(error, now, DeadLetter.MAX_ATTEMPTS).toBytes());
      metrics.finished(envelope.type(), WorkerMetrics.DEAD, nanos);
    }
  }
}
