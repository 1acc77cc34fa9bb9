package dev.ebb.operator.bench;

import dev.ebb.operator.TestingClock;
import dev.ebb.operator.dashboard.Dashboard;
import dev.ebb.operator.dashboard.DashboardPage;
import dev.ebb.operator.dashboard.PoolDetail;
import dev.ebb.operator.dashboard.PoolFacts;
import dev.ebb.operator.dashboard.PoolKey;
import dev.ebb.operator.dashboard.PoolRow;
import dev.ebb.operator.dashboard.Standing;
import dev.ebb.operator.scaler.WorkerHeartbeat;
import dev.ebb.operator.scaling.QueueObservation;
import dev.ebb.operator.scaling.ScalingDecision;
import dev.ebb.operator.scaling.ScalingReason;
import dev.ebb.operator.scaling.ScalingState;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The dashboard's memory and render time at many pools: fills a {@link Dashboard} the way the control loop does (a
 * full hour of polls every 5 s, decisions that fill each pool's log, a heartbeat per worker), measures the heap it
 * holds after full GCs, then times the renderer on the pool list and on one pool's page. Run it with
 * {@code bench/dashboard.sh}; it prints figures, it asserts nothing.
 */
public final class DashboardBenchmark {

  private static final Instant START = Instant.parse("2026-01-01T12:00:00Z");
  private static final Duration POLL = Duration.ofSeconds(5);
  private static final int POLLS = 720;

  private DashboardBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int pools = intArg(args, "--pools", 1000);
    int workers = intArg(args, "--workers", 10);
    int renders = intArg(args, "--renders", 200);
    System.out.printf(Locale.ROOT, "[bench] %d pools, an hour of polls every %ss, %d workers each; %s%n", pools,
        POLL.toSeconds(), workers, System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));

    heapOf(Math.max(1, pools / 10), workers, true); // warm-up: classes loaded, code compiled, startup garbage gone
    long history = heapOf(pools, 0, false);
    long withDecisions = heapOf(pools, 0, true);
    long full = heapOf(pools, workers, true);
    System.out.printf(Locale.ROOT, "memory    history only        %,10d bytes per pool%n", history / pools);
    System.out.printf(Locale.ROOT, "memory    + decision log      %,10d bytes per pool (log full: 100 decisions)%n",
        withDecisions / pools);
    System.out.printf(Locale.ROOT, "memory    + %2d workers        %,10d bytes per pool; %,.1f MB for %d pools%n",
        workers, full / pools, full / 1e6, pools);

    TestingClock clock = new TestingClock(START);
    Dashboard dashboard = fill(pools, workers, true, clock);
    Standing.Serving standing = new Standing.Serving("operator bench");
    PoolKey one = key(pools / 2);
    time("render    pool list (" + pools + " rows)", renders, () -> {
      List<PoolRow> rows = dashboard.rows();
      return DashboardPage.list(standing, rows, clock.instant());
    });
    time("render    one pool's page", renders * 5, () -> {
      PoolDetail detail = dashboard.detail(one).orElseThrow();
      return DashboardPage.pool(standing, detail, clock.instant());
    });
    System.exit(0);
  }

  /** The heap a dashboard of {@code pools} full pools holds, after full GCs, the dashboard itself included. */
  private static long heapOf(int pools, int workers, boolean decisions) throws InterruptedException {
    long before = usedAfterGc();
    Dashboard dashboard = fill(pools, workers, decisions, new TestingClock(START));
    long after = usedAfterGc();
    if (dashboard.size() != pools) {
      throw new IllegalStateException("pools lost");
    }
    return after - before;
  }

  private static Dashboard fill(int pools, int workers, boolean decisions, TestingClock clock) {
    Dashboard dashboard = new Dashboard(clock);
    for (int p = 0; p < pools; p++) {
      PoolKey key = key(p);
      dashboard.described(key, new PoolFacts(1, 50, OptionalInt.of(5), OptionalInt.of(5), "Ready, Active",
          Duration.ofSeconds(60)));
      int replicas = 1;
      for (int i = 0; i < POLLS; i++) {
        Instant at = START.plus(POLL.multipliedBy(i));
        long depth = (i * 37L + p) % 1500;
        dashboard.observed(key, at, new QueueObservation(depth, Duration.ofMillis(depth * 3),
            OptionalDouble.of(depth / 10.0), OptionalDouble.of(depth / 11.0), 3, 6, OptionalInt.of(4),
            Optional.of(Duration.ofMillis(350))), i == POLLS - 1 ? heartbeats(key, workers, at) : List.of());
        if (decisions && i % 5 == 0) {
          int next = replicas == 1 ? 1 + (int) (depth / 100) + 1 : 1;
          dashboard.decided(key, at, new ScalingDecision(next, next > replicas ? ScalingReason.SCALE_UP
              : ScalingReason.SCALE_DOWN, "queue " + depth + ", oldest " + depth * 3 + "ms, 350ms per job: "
              + replicas + " -> " + next + " replicas", ScalingState.initial()), replicas);
          replicas = next;
        }
      }
    }
    clock.advance(POLL.multipliedBy(POLLS));
    return dashboard;
  }

  private static List<WorkerHeartbeat> heartbeats(PoolKey key, int count, Instant at) {
    List<WorkerHeartbeat> beats = new ArrayList<>();
    for (int w = 0; w < count; w++) {
      String pod = key.name() + "-7d9f8c6b5-" + String.format(Locale.ROOT, "%05d", w);
      beats.add(new WorkerHeartbeat(pod + ":" + w, pod, "running", w % 4, 4, OptionalDouble.of(350), at));
    }
    return beats;
  }

  private static PoolKey key(int index) {
    return new PoolKey("team-" + (index % 20), String.format(Locale.ROOT, "pool-%04d", index));
  }

  private static void time(String what, int runs, java.util.function.Supplier<String> render) {
    int bytes = 0;
    for (int i = 0; i < Math.max(20, runs / 5); i++) {
      bytes = render.get().getBytes(StandardCharsets.UTF_8).length;
    }
    double[] millis = new double[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      render.get();
      millis[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(millis);
    System.out.printf(Locale.ROOT, "%-38s p50 %7.2f ms  p95 %7.2f ms  max %7.2f ms  (%d runs, %,d bytes of HTML)%n",
        what, millis[runs / 2], millis[(int) Math.ceil(runs * 0.95) - 1], millis[runs - 1], runs, bytes);
  }

  private static long usedAfterGc() throws InterruptedException {
    var memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return memory.getHeapMemoryUsage().getUsed();
  }

  private static int intArg(String[] args, String name, int fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return Integer.parseInt(args[i + 1]);
      }
    }
    return fallback;
  }
}
