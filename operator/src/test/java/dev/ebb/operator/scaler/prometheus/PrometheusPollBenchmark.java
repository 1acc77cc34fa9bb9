package dev.ebb.operator.scaler.prometheus;

import dev.ebb.api.v1alpha1.PrometheusQueueSpec;
import dev.ebb.operator.network.QueueNetworks;
import dev.ebb.operator.scaler.BackendSettings;
import dev.ebb.operator.scaler.Credentials;
import dev.ebb.operator.scaler.QueueScaler;
import dev.ebb.operator.scaler.ScalerException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * How many polls a second the prometheus backend sustains against a real Prometheus: for each case, {@code threads}
 * pools poll back to back (each its own scaler, all sharing the backend's client) for {@code seconds}; it prints polls
 * per second and the latency of one poll. Not a test: {@code bench/prometheus-poll.sh} runs it.
 *
 * <p>Arguments: [seconds per case, default 10] [connections per server, default 4].
 */
public final class PrometheusPollBenchmark {

  private PrometheusPollBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int connections = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    try (QueueExporter exporter = new QueueExporter()
            .set("queue_depth{queue=\"mailer\"}", "42")
            .set("queue_oldest_seconds{queue=\"mailer\"}", "17.5")
            .set("queue_running{queue=\"mailer\"}", "3")
            .set("queue_job_seconds{queue=\"mailer\"}", "0.35");
        PrometheusProcess prometheus = PrometheusProcess.start("bench", List.of(exporter.target()), Map.of(), "");
        PrometheusBackend backend = new PrometheusBackend(new BackendSettings(Duration.ofSeconds(2), connections,
            QueueNetworks.of(List.of("127.0.0.0/8", "::1/128")), Clock.systemUTC()))) {
      PrometheusQueueSpec depthOnly = new PrometheusQueueSpec(prometheus.address(""),
          "sum(queue_depth{queue=\"mailer\"})");
      PrometheusQueueSpec allFour = new PrometheusQueueSpec(prometheus.address(""),
          "sum(queue_depth{queue=\"mailer\"})");
      allFour.setOldestAgeQuery("max(queue_oldest_seconds{queue=\"mailer\"})");
      allFour.setRunningQuery("sum(queue_running{queue=\"mailer\"})");
      allFour.setProcessingTimeQuery("avg(queue_job_seconds{queue=\"mailer\"})");
      awaitFirstScrape(backend, allFour);
      System.out.printf("prometheus %s, %d s per case, %d connections per server, networks checked on each poll,"
          + " cpus %d, %s%n", version(), seconds, connections, Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
      System.out.printf("%-32s %7s %8s %10s %9s %9s %9s%n", "case", "threads", "polls", "polls/s", "p50 ms",
          "p99 ms", "max ms");
      run(backend, "depth query only", depthOnly, 1, Duration.ofSeconds(2)); // warm-up, not printed
      for (int threads : new int[] {1, 4}) {
        print(run(backend, "depth query only", depthOnly, threads, Duration.ofSeconds(seconds)));
        print(run(backend, "four queries (depth..processing)", allFour, threads, Duration.ofSeconds(seconds)));
      }
    }
  }

  private record Result(String name, int threads, long polls, double seconds, long[] nanos) {
  }

  private static Result run(PrometheusBackend backend, String name, PrometheusQueueSpec spec, int threads,
      Duration length) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long end = System.nanoTime() + length.toNanos();
    long began = System.nanoTime();
    List<Future<List<Long>>> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      workers.add(pool.submit(() -> {
        List<Long> times = new ArrayList<>();
        try (QueueScaler scaler = backend.create(spec, Credentials.none())) {
          while (System.nanoTime() < end) {
            long start = System.nanoTime();
            if (scaler.measure().depth() != 42) {
              throw new IllegalStateException("read a depth other than 42");
            }
            times.add(System.nanoTime() - start);
          }
        }
        return times;
      }));
    }
    List<Long> all = new ArrayList<>();
    for (Future<List<Long>> worker : workers) {
      all.addAll(worker.get());
    }
    double seconds = (System.nanoTime() - began) / 1e9;
    pool.shutdown();
    long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
    return new Result(name, threads, sorted.length, seconds, sorted);
  }

  private static void print(Result r) {
    System.out.printf("%-32s %7d %8d %10.0f %9.2f %9.2f %9.2f%n", r.name(), r.threads(), r.polls(),
        r.polls() / r.seconds(), percentile(r.nanos(), 0.50), percentile(r.nanos(), 0.99),
        r.nanos()[r.nanos().length - 1] / 1e6);
  }

  private static double percentile(long[] sorted, double p) {
    int rank = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank))] / 1e6;
  }

  private static void awaitFirstScrape(PrometheusBackend backend, PrometheusQueueSpec spec) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    try (QueueScaler scaler = backend.create(spec, Credentials.none())) {
      while (true) {
        try {
          scaler.measure();
          return;
        } catch (ScalerException notYet) {
          if (System.nanoTime() > deadline) {
            throw notYet;
          }
          Thread.sleep(200);
        }
      }
    }
  }

  private static String version() {
    try {
      Process process = new ProcessBuilder("prometheus", "--version").redirectErrorStream(true).start();
      String first = new String(process.getInputStream().readAllBytes()).lines().findFirst().orElse("?");
      return Arrays.stream(first.split(" ")).filter(word -> word.matches("[0-9].*")).findFirst().orElse(first);
    } catch (java.io.IOException e) {
      return "?";
    }
  }
}
