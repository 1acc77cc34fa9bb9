package dev.ebb.operator.bench;
import dev.ebb.operator.bench.ReactionPhase.Summary;
import dev.ebb.operator.scaler.HostileRedis;
import dev.ebb.redis.RedisProcess;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

/**
 * One run of the reaction benchmark at one pool count: a fresh mock API server, Redis and operator; the pools and
 * their Deployments; a steady phase of queue changes spread over time; then one burst that changes every queue at
 * once.
 */
final class ReactionRun {

  static final String NAMESPACE = "bench";

  private final int poolCount;
  private final BenchOptions options;
  private final String operatorClasspath;
  private final Path dir;
  private final long[] depth;
  private final int hostile;

  ReactionRun(int poolCount, int hostile, BenchOptions options, String operatorClasspath) {
    this.poolCount = poolCount;
    this.hostile = hostile;
    this.options = options;
    this.operatorClasspath = operatorClasspath;
    this.dir = options.out().resolve(poolCount + "-pools" + (hostile > 0 ? "-" + hostile + "-hostile" : ""));
    this.depth = new long[poolCount];
  }

  RunResult run() throws Exception {
    try (ApiServer api = startApiServer();
        RedisProcess redis = RedisProcess.startOnFreePort();
        QueueWriter queues = new QueueWriter(redis.host(), redis.port());
        OperatorProcess operator = OperatorProcess.start(api, operatorClasspath, options.operatorJvm(),
            options.operatorEnv(), options.jfr(), dir);
        ReplicaWatch watch = ReplicaWatch.start(api.client(), NAMESPACE)) {
      log("operator pid %d, API server: %s; Redis %s; logs in %s", operator.pid(), api.describe(), redis.uri(), dir);
      Duration ready = createPools(api.client(), redis.uri(), watch, operator);
      log("%d Deployments exist %.1f s after the first pool was created", poolCount, ready.toMillis() / 1000.0);
      hostilePools(api.client());
      // let the first polls and status writes pass: the steady phase starts from a settled operator
      sleep(options.interval().multipliedBy(3).plusSeconds(5));

      OperatorProcess.Figures before = operator.figures();
      double harnessBefore = OperatorProcess.cpuSeconds(ProcessHandle.current().pid());
      Map<String, Long> requestsBefore = api.requests();
      MachineLoad machineBefore = MachineLoad.now();
      String loadBefore = MachineLoad.loadAverage();
      long steadyStart = System.nanoTime();
      ReactionPhase steady = new ReactionPhase("steady");
      runSteady(queues, watch, operator, steady);
      double steadySeconds = (System.nanoTime() - steadyStart) / 1e9;
      OperatorProcess.Figures afterSteady = operator.figures();
      double harnessAfter = OperatorProcess.cpuSeconds(ProcessHandle.current().pid());
      Map<String, Long> requestsSteady = difference(api.requests(), requestsBefore);
      double[] cores = MachineLoad.now().coresSince(machineBefore);
      log("steady phase: machine busy %.2f cores, of which the benchmark's processes %.2f; load average before %s,"
          + " after %s", cores[0], cores[1], loadBefore, MachineLoad.loadAverage());

      sleep(options.interval().multipliedBy(2).plusSeconds(3));
      ReactionPhase burst = new ReactionPhase("burst");
      runBurst(queues, watch, operator, burst);
      OperatorProcess.Figures end = operator.figures();
      // the soak: the pools stay as the burst left them, the operator keeps polling them all
      OperatorProcess.HeapCensus first = operator.census("heap-after-burst.txt");
      log("soak: %d s of polling settled pools between two heap censuses", options.soak().toSeconds());
      sleep(options.soak());
      OperatorProcess.HeapCensus second = operator.census("heap-after-soak.txt");
      OperatorProcess.Figures afterSoak = operator.figures();
      operator.nativeMemory("native-memory.txt");
      double soakMinutes = (second.atNanos() - first.atNanos()) / 60e9;
      boolean alive = operator.isAlive();
      return new RunResult(poolCount, options.interval(), ready, steady.summary(), burst.summary(),
          afterSoak.peakRssKiB(), end.rssKiB(), end.cpuSeconds(), afterSteady.cpuSeconds() - before.cpuSeconds(),
          harnessAfter - harnessBefore, steadySeconds, requestsSteady, watch.unexpectedChanges(), alive,
          second.liveBytes() / 1024, (second.liveBytes() - first.liveBytes()) / 1024 / soakMinutes,
          second.timerTasks(), (second.timerTasks() - first.timerTasks()) / soakMinutes, cores[0], cores[1], dir,
          hostile);
    }
  }

  private ApiServer startApiServer() throws java.io.IOException, InterruptedException {
    if (options.api().equals("real")) {
      return RealApiServer.start(dir, Path.of("manifests"), List.of(NAMESPACE, "hostile"));
    }
    return MockApiServer.start();
  }

  private Duration createPools(KubernetesClient client, String redisUri, ReplicaWatch watch,
      OperatorProcess operator) {
    long start = System.nanoTime();
    for (int i = 0; i < poolCount; i++) {
      client.resource(BenchPools.pool(NAMESPACE, i, redisUri, options.interval())).create();
    }
    Duration limit = Duration.ofSeconds(60 + poolCount / 5);
    if (!await(() -> watch.deployments() == poolCount || !operator.isAlive(), limit)) {
      throw new IllegalStateException("only " + watch.deployments() + " of " + poolCount + " Deployments after "
          + limit.toSeconds() + " s");
    }
    if (!operator.isAlive()) {
      throw new IllegalStateException("the operator exited; see " + dir.resolve("operator.log"));
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /**
   * {@code --hostile N}: N pools of another tenant (namespace {@code hostile}) whose queue servers never answer, polled
   * beside the measured pools: how much one tenant's silent servers slow every other tenant's reaction.
   */
  private void hostilePools(KubernetesClient client) throws java.io.IOException {
    if (hostile == 0) {
      return;
    }
    HostileRedis silent = new HostileRedis(HostileRedis.Behaviour.SILENT);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        silent.close();
      } catch (java.io.IOException ignored) {
        // exiting
      }
    }));
    for (int i = 0; i < hostile; i++) {
      client.resource(BenchPools.pool("hostile", i, silent.uri(), options.interval())).create();
    }
    log("%d hostile pools (namespace hostile, a server that never answers) polled beside them", hostile);
  }

  /** Each round changes every pool once, in a random order, spread evenly over the round. */
  private void runSteady(QueueWriter queues, ReplicaWatch watch, OperatorProcess operator, ReactionPhase phase) {
    int changes = options.steadyChanges(poolCount);
    double perSecond = poolCount / (double) options.roundSeconds();
    log("steady: %d changes at %.1f per second (each pool once every %d s), %d jobs each", changes, perSecond,
        options.roundSeconds(), options.jobsPerChange());
    Random random = new Random(42);
    List<Integer> order = new ArrayList<>();
    long start = System.nanoTime();
    int dumps = 0;
    for (int n = 0; n < changes; n++) {
      if (order.isEmpty()) {
        IntStream.range(0, poolCount).forEach(order::add);
        Collections.shuffle(order, random);
      }
      int pool = order.remove(order.size() - 1);
      long due = start + (long) (n / perSecond * 1e9);
      while (System.nanoTime() < due) {
        watch.expire(options.timeout());
        sleepNanos(Math.min(due - System.nanoTime(), 20_000_000L));
      }
      change(queues, watch, pool, phase);
      if (dumps < 3 && n >= (dumps + 1) * changes / 4) {
        dumps++;
        operator.threadDump("steady-threads-" + dumps + ".txt");
      }
    }
    drain(watch);
  }

  private void runBurst(QueueWriter queues, ReplicaWatch watch, OperatorProcess operator, ReactionPhase phase) {
    List<String> names = IntStream.range(0, poolCount).mapToObj(BenchPools::queue).toList();
    Map<Integer, Integer> targets = new HashMap<>();
    for (int i = 0; i < poolCount; i++) {
      depth[i] += options.jobsPerChange();
      targets.put(i, BenchPools.replicasFor(depth[i]));
    }
    log("burst: %d jobs on each of the %d queues in one Redis transaction", options.jobsPerChange(), poolCount);
    queues.enqueueEverywhere(names, options.jobsPerChange(), () -> targets.forEach((i, target) ->
        watch.expect(BenchPools.name(i), target, phase)));
    long start = System.nanoTime();
    boolean dumped = false;
    while (watch.waiting() > 0) {
      if (!dumped && System.nanoTime() - start > options.interval().toNanos() * 2) {
        operator.threadDump("burst-threads.txt");
        dumped = true;
      }
      watch.expire(options.timeout());
      sleepNanos(50_000_000L);
    }
  }

  private void change(QueueWriter queues, ReplicaWatch watch, int pool, ReactionPhase phase) {
    int target = BenchPools.replicasFor(depth[pool] + options.jobsPerChange());
    if (target <= BenchPools.replicasFor(depth[pool])) {
      return; // at the maximum: this write cannot move the Deployment
    }
    depth[pool] += options.jobsPerChange();
    queues.enqueue(BenchPools.queue(pool), options.jobsPerChange(),
        () -> watch.expect(BenchPools.name(pool), target, phase));
  }

  private void drain(ReplicaWatch watch) {
    while (watch.waiting() > 0) {
      watch.expire(options.timeout());
      sleepNanos(50_000_000L);
    }
  }

  private static Map<String, Long> difference(Map<String, Long> after, Map<String, Long> before) {
    Map<String, Long> diff = new java.util.TreeMap<>();
    after.forEach((kind, count) -> {
      long delta = count - before.getOrDefault(kind, 0L);
      if (delta > 0) {
        diff.put(kind, delta);
      }
    });
    return diff;
  }

  private static boolean await(BooleanSupplier condition, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      sleepNanos(100_000_000L);
    }
    return condition.getAsBoolean();
  }

  private static void sleep(Duration duration) {
    sleepNanos(duration.toNanos());
  }

  private static void sleepNanos(long nanos) {
    if (nanos <= 0) {
      return;
    }
    try {
      Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  static void log(String format, Object... args) {
    System.out.printf("[bench %tT] %s%n", System.currentTimeMillis(), String.format(format, args));
  }

  /** What one run measured. CPU in seconds, memory in KiB. */
  record RunResult(int pools, Duration interval, Duration allDeployments, Summary steady, Summary burst,
      long peakRssKiB, long endRssKiB, double operatorCpu, double operatorCpuSteady, double harnessCpuSteady,
      double steadySeconds, Map<String, Long> requestsSteady, int unexpectedChanges, boolean operatorAlive,
      long liveHeapKiB, double liveHeapGrowthKiBPerMinute, long timerTasks, double timerTasksPerMinute,
      double machineBusyCores, double benchmarkBusyCores, Path dir, int hostile) {

    /** The pools measured, and the hostile pools beside them: {@code 100} or {@code 100+50h}. */
    String label() {
      return pools + (hostile > 0 ? "+" + hostile + "h" : "");
    }
  }
}
