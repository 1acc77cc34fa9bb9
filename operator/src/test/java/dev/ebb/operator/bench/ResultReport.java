package dev.ebb.operator.bench;

import dev.ebb.operator.bench.ReactionPhase.Summary;
import dev.ebb.operator.bench.ReactionRun.RunResult;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** Prints the runs' figures as a table, with the baselines measured against: the polling interval and KEDA's bound. */
final class ResultReport {

  /** KEDA's default reaction bound: its 30 s pollingInterval, then the HPA's 15 s sync period. */
  static final Duration KEDA_DEFAULT = Duration.ofSeconds(45);
  /** The targets at 1,000 pools polled every second. */
  static final double TARGET_P99_SECONDS = 2.0;
  static final long TARGET_RSS_MIB = 512;

  private ResultReport() {
  }

  static void print(List<RunResult> results, BenchOptions options, PrintStream out) {
    out.println();
    out.printf(Locale.ROOT, "Reaction time: queue write -> Deployment spec.replicas changed (watch event). "
        + "API server: %s. Operator JVM: %s; settings: %s.%n", options.api().equals("real")
            ? "real kube-apiserver v1.28 (etcd, kube-controller-manager, RBAC, APF) on this machine"
            : "fabric8 mock server", String.join(" ", options.operatorJvm()),
        options.operatorEnv().isEmpty() ? "defaults" : options.operatorEnv());
    out.printf(Locale.ROOT, "%-8s %-8s %-7s %8s %8s %7s %7s %7s %7s %7s %9s %9s%n", "pools", "interval", "phase",
        "changes", "measured", "missed", "p50", "p90", "p99", "max", "p99/intvl", "p99/KEDA");
    for (RunResult r : results) {
      row(out, r, r.steady());
      row(out, r, r.burst());
    }
    out.println();
    out.printf(Locale.ROOT, "%-8s %12s %12s %12s %10s %13s %13s %15s %13s %10s%n", "pools", "all deploys",
        "peak RSS", "RSS at end", "live heap", "operator CPU", "steady CPU/s", "bench JVM", "machine busy",
        "API req/s");
    for (RunResult r : results) {
      long requests = r.requestsSteady().values().stream().mapToLong(Long::longValue).sum();
      out.printf(Locale.ROOT, "%-8s %11.1fs %8d MiB %8d MiB %6d MiB %12.1fs %13.2f %15.2f %13.2f %10.0f%n",
          r.label(), r.allDeployments().toMillis() / 1000.0, r.peakRssKiB() / 1024, r.endRssKiB() / 1024,
          r.liveHeapKiB() / 1024, r.operatorCpu(), r.operatorCpuSteady() / r.steadySeconds(),
          r.harnessCpuSteady() / r.steadySeconds(), r.machineBusyCores(), requests / r.steadySeconds());
    }
    out.printf(Locale.ROOT, "(bench JVM: the harness, with the mock API server inside it when --api mock; a real control"
        + " plane runs in its own processes, counted in machine busy)%n");
    out.printf(Locale.ROOT, "(CPU in cores during the steady phase; machine busy: all processes on the %d cores, "
        + "the benchmark's own included; live heap: after a full GC at the end of the soak)%n",
        Runtime.getRuntime().availableProcessors());
    out.println();
    out.printf(Locale.ROOT, "Baselines: the polling interval %s is the floor (a change waits up to one interval to be "
        + "seen: an ideal poller reacts in ~%.2f s at p50, ~%.2f s at p99); KEDA's default bound is %d s (30 s "
        + "polling + 15 s HPA sync).%n", options.interval().toMillis() / 1000.0 + "s",
        options.interval().toMillis() / 2000.0, options.interval().toMillis() * 0.99 / 1000.0,
        KEDA_DEFAULT.toSeconds());
    for (RunResult r : results) {
      out.printf(Locale.ROOT, "%d pools, steady phase API requests (%.0f s):", r.pools(), r.steadySeconds());
      r.requestsSteady().forEach((kind, count) -> out.printf(Locale.ROOT, " [%s %.1f/s]", kind,
          count / r.steadySeconds()));
      out.println();
      out.printf(Locale.ROOT, "%d pools, soak (%s of polling settled pools): live heap %+.0f KiB/min; JOSDK timer "
          + "tasks alive %d, %+.0f/min (cancelled tasks stay in java.util.Timer until due: maxReconciliationInterval, "
          + "10 h by default)%n", r.pools(), options.soak().toSeconds() + "s", r.liveHeapGrowthKiBPerMinute(),
          r.timerTasks(), r.timerTasksPerMinute());
      if (r.unexpectedChanges() > 0) {
        out.printf("%d pools: %d replica changes no write asked for%n", r.pools(), r.unexpectedChanges());
      }
      if (!r.operatorAlive()) {
        out.printf("%d pools: THE OPERATOR EXITED during the run; see %s%n", r.pools(), r.dir());
      }
      if (r.pools() >= 1000 && r.interval().equals(Duration.ofSeconds(1))) {
        boolean latency = seconds(r.steady().p99()) < TARGET_P99_SECONDS && r.steady().missed() == 0;
        boolean memory = r.peakRssKiB() / 1024 < TARGET_RSS_MIB;
        out.printf(Locale.ROOT, "Target at %d pools / 1s: steady p99 < %.0f s: %s (%.2f s); peak RSS < %d MiB: %s "
            + "(%d MiB)%n", r.pools(), TARGET_P99_SECONDS, latency ? "MET" : "MISSED", seconds(r.steady().p99()),
            TARGET_RSS_MIB, memory ? "MET" : "MISSED", r.peakRssKiB() / 1024);
      }
      out.printf("%d pools: operator log, thread dumps, heap info in %s%n", r.pools(), r.dir());
    }
    out.flush();
  }

  private static void row(PrintStream out, RunResult r, Summary s) {
    out.printf(Locale.ROOT, "%-8s %-8s %-7s %8d %8d %7d %7s %7s %7s %7s %9.2f %9.3f%n", r.label(),
        r.interval().toMillis() / 1000.0 + "s", s.phase(), s.changes(), s.measured(), s.missed(), fmt(s.p50()),
        fmt(s.p90()), fmt(s.p99()), fmt(s.max()), seconds(s.p99()) / seconds(r.interval()),
        seconds(s.p99()) / seconds(KEDA_DEFAULT));
  }

  private static String fmt(Duration d) {
    return String.format(Locale.ROOT, "%.2fs", seconds(d));
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }
}
