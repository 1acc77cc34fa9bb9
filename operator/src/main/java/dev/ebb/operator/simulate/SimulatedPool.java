package dev.ebb.operator.simulate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The simulated world of one run: a FIFO queue, worker pods with {@code concurrency} slots that start serving
 * {@code startupDelay} after they are created, and discrete events (arrivals, completions, pods becoming ready)
 * processed in time order. A removed pod stops taking jobs at once and exits when its running jobs finish (the
 * worker runtime's graceful shutdown); pods are paid for from creation to exit. The same rules apply to every
 * policy: pods not yet ready are removed first, then the least busy.
 */
final class SimulatedPool implements PoolView {

  private static final class Worker {
    final long id;
    final double createdAt;
    final double readyAt;
    int running;
    boolean draining;

    Worker(long id, double createdAt, double readyAt) {
      this.id = id;
      this.createdAt = createdAt;
      this.readyAt = readyAt;
    }
  }

  private record Running(double end, double processing, Worker worker) {
  }

  private final JobStream jobs;
  private final int concurrency;
  private final double startupDelay;
  private final IntFifo waiting = new IntFifo();
  private final List<Worker> workers = new ArrayList<>();
  private final PriorityQueue<Running> running = new PriorityQueue<>(Comparator.comparingDouble(Running::end));
  private final Samples waits = new Samples();
  private double now;
  private int nextJob;
  private long arrived;
  private long completed;
  private double processedSeconds;
  private double exitedWorkerSeconds;
  private long createdPods;

  SimulatedPool(JobStream jobs, int concurrency, double startupDelaySeconds, int initialReplicas) {
    this.jobs = jobs;
    this.concurrency = concurrency;
    this.startupDelay = startupDelaySeconds;
    for (int i = 0; i < initialReplicas; i++) {
      workers.add(new Worker(createdPods++, 0, 0)); // a pool already running when the run starts
    }
  }

  /** Processes every event up to and including time {@code until}. */
  void advanceTo(double until) {
    while (true) {
      double nextArrival = nextJob < jobs.size() ? jobs.arrival(nextJob) : Double.POSITIVE_INFINITY;
      double nextEnd = running.isEmpty() ? Double.POSITIVE_INFINITY : running.peek().end();
      double nextReady = Double.POSITIVE_INFINITY;
      for (Worker worker : workers) {
        if (!worker.draining && worker.readyAt > now) {
          nextReady = Math.min(nextReady, worker.readyAt);
        }
      }
      double next = Math.min(nextArrival, Math.min(nextEnd, nextReady));
      if (next > until) {
        break;
      }
      now = next;
      if (next == nextEnd) {
        complete(running.poll());
      } else if (next == nextArrival) {
        waiting.add(nextJob++);
        arrived++;
      }
      dispatch();
    }
    now = Math.max(now, until);
  }

  /** Scales the pool to {@code replicas} now: new pods start, removed pods drain. */
  void setReplicas(int replicas) {
    int active = replicas();
    for (int i = active; i < replicas; i++) {
      workers.add(new Worker(createdPods++, now, now + startupDelay));
    }
    if (replicas < active) {
      List<Worker> victims = workers.stream().filter(w -> !w.draining)
          .sorted(Comparator.<Worker>comparingInt(w -> w.readyAt > now ? 0 : 1)
              .thenComparingInt(w -> w.running)
              .thenComparing(Comparator.<Worker>comparingDouble(w -> w.createdAt).reversed()))
          .limit(active - replicas).toList();
      for (Worker victim : victims) {
        victim.draining = true;
        if (victim.running == 0) {
          exit(victim);
        }
      }
    }
    dispatch();
  }

  private void dispatch() {
    while (!waiting.isEmpty()) {
      Worker chosen = null;
      for (Worker worker : workers) {
        if (!worker.draining && worker.readyAt <= now && worker.running < concurrency
            && (chosen == null || worker.running < chosen.running)) {
          chosen = worker;
        }
      }
      if (chosen == null) {
        return;
      }
      int job = waiting.poll();
      waits.add(now - jobs.arrival(job));
      chosen.running++;
      running.add(new Running(now + jobs.processing(job), jobs.processing(job), chosen));
    }
  }

  private void complete(Running job) {
    job.worker().running--;
    completed++;
    processedSeconds += job.processing();
    if (job.worker().draining && job.worker().running == 0) {
      exit(job.worker());
    }
  }

  private void exit(Worker worker) {
    exitedWorkerSeconds += now - worker.createdAt;
    workers.remove(worker);
  }

  double now() {
    return now;
  }

  @Override
  public int replicas() {
    return (int) workers.stream().filter(w -> !w.draining).count();
  }

  @Override
  public List<StartedPod> startedPods() {
    // the pods already running when the run starts were not seen starting
    return workers.stream().filter(w -> w.readyAt <= now && w.readyAt > w.createdAt)
        .map(w -> new StartedPod(w.id, w.createdAt, w.readyAt)).toList();
  }

  @Override
  public int readyWorkers() {
    return (int) workers.stream().filter(w -> !w.draining && w.readyAt <= now).count();
  }

  @Override
  public int busyWorkers() {
    return (int) workers.stream().filter(w -> !w.draining && w.running > 0).count();
  }

  @Override
  public int runningJobs() {
    return workers.stream().filter(w -> !w.draining).mapToInt(w -> w.running).sum();
  }

  @Override
  public int concurrency() {
    return concurrency;
  }

  @Override
  public long depth() {
    return waiting.size();
  }

  @Override
  public double oldestWait() {
    return waiting.isEmpty() ? 0 : now - jobs.arrival(waiting.peek());
  }

  @Override
  public long arrived() {
    return arrived;
  }

  @Override
  public long completed() {
    return completed;
  }

  @Override
  public double processedSeconds() {
    return processedSeconds;
  }

  /** Pod-seconds paid for so far, shut-down pods included. */
  double workerSeconds() {
    return exitedWorkerSeconds + workers.stream().mapToDouble(w -> now - w.createdAt).sum();
  }

  /** Waits of the jobs that started, plus, for jobs still waiting, how long they have waited so far. */
  Samples waitsIncludingUnstarted() {
    Samples all = new Samples();
    waits.forEach(all::add);
    for (int job : waiting.toArray()) {
      all.add(now - jobs.arrival(job));
    }
    return all;
  }
}
