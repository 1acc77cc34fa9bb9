package dev.ebb.worker.runtime;

import dev.ebb.worker.config.WorkerConfig;
import dev.ebb.worker.job.CompletionLog;
import dev.ebb.worker.job.FileCompletionLog;
import dev.ebb.worker.job.HandlerRegistry;
import dev.ebb.worker.ops.HealthServer;
import dev.ebb.worker.ops.Liveness;
import dev.ebb.worker.ops.WorkerMetrics;
import dev.ebb.worker.periodic.PeriodicEnqueuer;
import dev.ebb.worker.protocol.QueueKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.RedisClient;

/**
 * Wires the worker and owns its shutdown. Start: connect, publish the first heartbeat (retrying while Redis is
 * unreachable), then start the processors, the heartbeat, the retry poller and the reclaimer. Stop: go quiet (stop
 * fetching), let running jobs finish until the shutdown deadline, hand back every job still in this worker's in-flight
 * list to the front of the queue, remove the heartbeat, close. {@link #requestStopNow()} cuts the wait short.
 */
public final class Launcher {

  private static final Logger log = LoggerFactory.getLogger(Launcher.class);

  private final WorkerConfig config;
  private final Clock clock;
  private final QueueKeys keys;
  private final WorkerIdentity identity;
  private final Lifecycle lifecycle;
  private final OwnedJobs owned = new OwnedJobs();
  private final WorkerActivity activity;
  private final WorkerMetrics metrics;
  private final RedisClient redis;
  private final HeartbeatPublisher heartbeat;
  private final Manager manager;
  private final HealthServer http;
  private final ScheduledExecutorService timers;
  private final AtomicBoolean stopRequested = new AtomicBoolean();
  private final CountDownLatch terminated = new CountDownLatch(1);
  private volatile Thread stopper;

  private Launcher(WorkerConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.keys = new QueueKeys(config.queue());
    this.lifecycle = new Lifecycle(config.heartbeatTtl().minus(config.heartbeatInterval()));
    this.identity = WorkerIdentity.create(config.podName(), config.pool(), clock.millis());
    this.activity = new WorkerActivity(config.concurrency(), clock.millis());
    this.metrics = new WorkerMetrics(config.queue());
    this.redis = RedisConnector.connect(config.redis(), config.concurrency() + 4, config.fetchTimeout(),
        "ebb-worker");
    CompletionLog completions = !config.demoCompletionsFile().isEmpty()
        ? new FileCompletionLog(Path.of(config.demoCompletionsFile()))
        : config.demoCompletionsKey().isEmpty() ? CompletionLog.NONE
        : jobId -> redis.hincrBy(config.demoCompletionsKey(), jobId, 1);
    HandlerRegistry handlers = HandlerRegistry.fromSpec(config.handlers(), completions,
        Thread.currentThread().getContextClassLoader());
    this.heartbeat = new HeartbeatPublisher(redis, keys, identity, config.concurrency(), config.heartbeatTtl(),
        activity, lifecycle, clock);
    this.manager = new Manager(config, redis, identity, handlers, activity, metrics, owned, lifecycle, clock);
    metrics.inflightGauge(activity::busy);
    try {
      this.http = new HealthServer(config.httpPort(), metrics::scrape, this::livenessProblems,
          this::readinessProblems);
    } catch (IOException e) {
      redis.close();
      throw new UncheckedIOException("cannot listen on HTTP port " + config.httpPort(), e);
    }
    this.timers = Executors.newScheduledThreadPool(4, task -> {
      Thread thread = new Thread(task, "ebb-timers");
      thread.setDaemon(true);
      return thread;
    });
    log.info("Worker {} for queue '{}' on {}: concurrency {}, handlers {}, HTTP port {}, shutdown timeout {}",
        identity.id(), config.queue(), config.redis(), config.concurrency(), handlers.types(), http.port(),
        config.shutdownTimeout());
  }

  /** Starts a worker; returns at once (the first heartbeat and the processors start on a thread of their own). */
  public static Launcher start(WorkerConfig config, Clock clock) {
    return create(config, clock).begin();
  }

  /** A worker that is wired, listening on its HTTP port, but not yet fetching: install signal handlers, then begin. */
  public static Launcher create(WorkerConfig config, Clock clock) {
    return new Launcher(config, clock);
  }

  public Launcher begin() {
    new Thread(this::run, "ebb-launcher").start();
    return this;
  }

  private void run() {
    Backoff backoff = new Backoff();
    while (stopRequested.get() || !heartbeat.beat()) {
      if (stopRequested.get() || !backoff.pause()) {
        return;
      }
    }
    synchronized (this) {
      if (stopRequested.get()) {
        return;
      }
      long interval = config.heartbeatInterval().toMillis();
      timers.scheduleWithFixedDelay(guarded("heartbeat", heartbeat::beat), interval, interval,
          TimeUnit.MILLISECONDS);
      RetryPoller poller = new RetryPoller(redis, keys, clock);
      long poll = Math.max(10, config.pollInterval().toMillis());
      timers.scheduleWithFixedDelay(guarded("retry poll", poller::poll), poll / 2, poll, TimeUnit.MILLISECONDS);
      if (!config.periodic().isEmpty()) {
        PeriodicEnqueuer periodic = new PeriodicEnqueuer(redis, keys, config.periodic(), clock);
        timers.schedule(guarded("periodic declaration", periodic::declare), 0, TimeUnit.MILLISECONDS);
        timers.scheduleWithFixedDelay(guarded("periodic", periodic::poll), 0, poll, TimeUnit.MILLISECONDS);
      }
      OrphanReclaimer reclaimer = new OrphanReclaimer(redis, keys, identity.id(), owned, config.heartbeatTtl(), clock);
      timers.scheduleWithFixedDelay(guarded("reclaim", reclaimer::reclaim), interval, interval,
          TimeUnit.MILLISECONDS);
      manager.start();
    }
    log.info("Worker {} is fetching from {}", identity.id(), keys.queueList());
  }

  /** A periodic task that survives its own failures (an executor stops repeating a task that threw). */
  private static Runnable guarded(String name, Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        log.warn("Periodic {} failed; it runs again next period", name, e);
      }
    };
  }

  /** Graceful stop (first SIGTERM): stop fetching, wait for running jobs until the deadline, hand back the rest. */
  public void requestStop() {
    if (!stopRequested.compareAndSet(false, true)) {
      return;
    }
    long deadline = System.nanoTime() + config.shutdownTimeout().toNanos();
    log.info("Stopping: no more fetching; running jobs may finish within {}", config.shutdownTimeout());
    synchronized (this) {
      lifecycle.quiet();
    }
    Thread thread = new Thread(() -> stop(deadline), "ebb-shutdown");
    stopper = thread;
    thread.start();
  }

  /** Immediate stop (second SIGTERM): hand back running jobs now. */
  public void requestStopNow() {
    requestStop();
    log.info("Stopping now: unfinished jobs go back to the queue");
    Thread thread = stopper;
    if (thread != null) {
      thread.interrupt();
    }
  }

  private void stop(long deadlineNanos) {
    timers.submit(heartbeat::beat);
    boolean finished = false;
    try {
      finished = manager.awaitStopped(deadlineNanos);
    } catch (InterruptedException cutShort) {
      Thread.interrupted();
    }
    lifecycle.stopping();
    timers.shutdownNow();
    heartbeat.beat();
    HandBack handBack = new HandBack(redis, keys, identity.id());
    long handedBack = handBack.run();
    lifecycle.markHandedBack();
    manager.interruptAll();
    // a BLMOVE that was already waiting when the worker went quiet may still move a job in: wait for it to return
    // (not for the processors: one stuck in a handler that ignores its interrupt would hold the exit up for nothing),
    // then hand back once more, so nothing stays behind in the list of a worker that is about to retire. A fetch
    // sent before the signal returns within the fetch timeout, so past the deadline this wait is usually over.
    awaitFetches(System.nanoTime() + config.fetchTimeout().plusMillis(500).toNanos());
    if (handedBack >= 0) {
      long late = handBack.run();
      handedBack = late < 0 ? -1 : handedBack + late;
    }
    if (handedBack >= 0) {
      try {
        heartbeat.retire();
      } catch (RuntimeException e) {
        log.warn("Cannot remove the heartbeat ({}); it expires within {}", e.getMessage(), config.heartbeatTtl());
      }
    }
    http.close();
    redis.close();
    log.info("Stopped: {} job(s) done, {} failed, {} interrupted at the deadline, {} still running (ignoring the "
        + "interrupt), {} reclaimed while running; {} after the running jobs {}", activity.done(), activity.failed(),
        activity.interrupted(), activity.busy(), activity.reclaimedWhileRunning(),
        handedBack >= 0 ? handedBack + " handed back to the queue" : "hand-back failed (reclaimed after expiry)",
        finished ? "finished" : "reached the deadline");
    terminated.countDown();
  }

  private void awaitFetches(long deadlineNanos) {
    try {
      lifecycle.awaitNoFetch(deadlineNanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    return terminated.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  public void awaitTermination() throws InterruptedException {
    terminated.await();
  }

  public boolean isTerminated() {
    return terminated.getCount() == 0;
  }

  public WorkerIdentity identity() {
    return identity;
  }

  public int httpPort() {
    return http.port();
  }

  private List<String> livenessProblems() {
    return lifecycle.state() == WorkerState.RUNNING
        ? Liveness.problems(clock.millis(), activity.snapshots(), config.stallAfter(), activity.abandonedAlive())
        : List.of();
  }

  private List<String> readinessProblems() {
    if (lifecycle.state() != WorkerState.RUNNING) {
      return List.of("worker is " + lifecycle.state().label());
    }
    return lifecycle.redisReachable() ? List.of() : List.of("Redis at " + config.redis() + " is unreachable");
  }
}
