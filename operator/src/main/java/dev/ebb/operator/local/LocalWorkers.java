package dev.ebb.operator.local;

import dev.ebb.operator.scaler.WorkerHeartbeat;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local actuator: worker processes on this machine instead of a Deployment's pods. Scaling up starts processes;
 * scaling down sends SIGTERM to idle workers first (as pod-deletion-cost does on Kubernetes) and SIGKILL after the
 * grace period; a process that died on its own is reaped and replaced at the next step.
 */
final class LocalWorkers implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalWorkers.class);

  private final List<String> command;
  private final Map<String, String> environment;
  private final String pool;
  private final Duration gracePeriod;
  private final Path logDirectory;
  private final List<Worker> running = new ArrayList<>();
  private final List<Worker> stopping = new ArrayList<>();
  private final List<Process> started = new CopyOnWriteArrayList<>();
  private int startedCount;

  LocalWorkers(List<String> command, Map<String, String> environment, String pool, Duration gracePeriod,
      Path logDirectory) {
    this.command = List.copyOf(command);
    this.environment = Map.copyOf(environment);
    this.pool = pool;
    this.gracePeriod = gracePeriod;
    this.logDirectory = logDirectory;
  }

  /** Workers that run and are not being stopped. */
  synchronized int count() {
    reap();
    return running.size();
  }

  /** Starts or stops workers until {@code target} run; {@code beats} tells which are idle. */
  synchronized void scaleTo(int target, List<WorkerHeartbeat> beats) throws IOException {
    reap();
    while (running.size() < target) {
      running.add(start());
    }
    if (running.size() > target) {
      Map<String, Integer> busyByPod = new HashMap<>();
      beats.forEach(b -> busyByPod.merge(b.pod(), b.busy(), Integer::sum));
      List<Worker> idleFirst = new ArrayList<>(running);
      idleFirst.sort(Comparator.comparingInt(w -> busyByPod.getOrDefault(w.name, 0)));
      for (Worker worker : idleFirst.subList(0, running.size() - target)) {
        worker.terminate();
        running.remove(worker);
        stopping.add(worker);
      }
    }
    killOverdue();
  }

  /**
   * Stops every worker as the kubelet stops a pod: SIGTERM, then SIGKILL (with whatever it started) once its grace
   * period, counted from its SIGTERM, is over. Returns when none is left.
   */
  @Override
  public synchronized void close() {
    running.forEach(Worker::terminate);
    stopping.addAll(running);
    running.clear();
    for (Worker worker : stopping) {
      long left = worker.terminatedAt + gracePeriod.toNanos() - System.nanoTime();
      try {
        if (!worker.process.waitFor(Math.max(0, left), TimeUnit.NANOSECONDS)) {
          LOG.warn("worker {} outlived its {} grace period: SIGKILL", worker.name, gracePeriod);
          kill(worker.process);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        kill(worker.process);
      }
    }
    stopping.clear();
  }

  /** SIGKILL to every worker still alive and its descendants, at once; safe from any thread (a second signal). */
  void killAll() {
    started.forEach(LocalWorkers::kill);
  }

  private static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Worker start() throws IOException {
    String name = pool + "-local-" + (++startedCount);
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(logDirectory.resolve(name + ".log").toFile());
    builder.environment().putAll(environment);
    builder.environment().put("EBB_POD_NAME", name);
    Worker worker = new Worker(name, builder.start());
    started.removeIf(process -> !process.isAlive());
    started.add(worker.process);
    LOG.info("started worker {} (pid {}), log in {}", name, worker.process.pid(), logDirectory.resolve(name + ".log"));
    return worker;
  }

  private void reap() {
    running.removeIf(worker -> {
      if (worker.process.isAlive()) {
        return false;
      }
      LOG.warn("worker {} exited by itself with code {}; it will be replaced", worker.name,
          worker.process.exitValue());
      return true;
    });
    stopping.removeIf(worker -> !worker.process.isAlive());
  }

  private void killOverdue() {
    long now = System.nanoTime();
    for (Worker worker : stopping) {
      if (worker.terminatedAt > 0 && now - worker.terminatedAt > gracePeriod.toNanos()) {
        LOG.warn("worker {} outlived its {} grace period: SIGKILL", worker.name, gracePeriod);
        kill(worker.process);
      }
    }
  }

  private static final class Worker {
    private final String name;
    private final Process process;
    private long terminatedAt;

    private Worker(String name, Process process) {
      this.name = name;
      this.process = process;
    }

    /** SIGTERM, as the kubelet sends when a pod is deleted. */
    private void terminate() {
      if (terminatedAt == 0) {
        terminatedAt = System.nanoTime();
        process.destroy();
      }
    }
  }
}
