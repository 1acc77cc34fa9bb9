package dev.ebb.operator.local;

import dev.ebb.api.v1alpha1.DurationFormat;
import dev.ebb.api.v1alpha1.QueueSpec;
import dev.ebb.api.v1alpha1.RedisQueueSpec;
import dev.ebb.api.v1alpha1.WorkerBudget;
import dev.ebb.api.v1alpha1.WorkerPool;
import dev.ebb.operator.dashboard.Dashboard;
import dev.ebb.operator.dashboard.DashboardHandler;
import dev.ebb.operator.dashboard.DashboardServer;
import dev.ebb.operator.dashboard.PoolKey;
import dev.ebb.operator.dashboard.Standing;
import dev.ebb.operator.model.ShutdownTiming;
import dev.ebb.operator.scaler.QueueScaler;
import dev.ebb.operator.scaler.RedisConnections;
import dev.ebb.operator.scaler.RedisEndpoint;
import dev.ebb.operator.scaler.ScalerRegistry;
import dev.ebb.operator.scaling.ScalingSettings;
import dev.ebb.operator.scaling.WorkerPoolScalingSettings;
import dev.ebb.redis.RedisProcess;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;
import redis.clients.jedis.JedisPooled;

/**
 * {@code ebb local [pool.yaml]}: the operator's control loop on one machine, with worker processes instead of pods
 * and, unless {@code --redis} names one, a private Redis. Like Laravel Horizon's supervisor, for a laptop or a VM.
 */
@Command(name = "local", mixinStandardHelpOptions = true,
    description = "Run a WorkerPool's control loop over worker processes on this machine (no cluster needed).")
public final class LocalCommand implements Callable<Integer> {

  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private static final String DEFAULT_WORKER_JAR = "worker-runtime/target/ebb-worker.jar";

  @Parameters(index = "0", arity = "0..1", paramLabel = "POOL_YAML",
      description = "A WorkerPool manifest; without one, a built-in demo pool (min 0, max 8, concurrency 4).")
  Path poolFile;

  @Option(names = "--redis", description = "Redis address (redis://host:port/db); default: a private redis-server.")
  String redis;

  @Option(names = "--worker-command",
      description = "How to start one worker (default: java -jar " + DEFAULT_WORKER_JAR + ").")
  String workerCommand;

  @Option(names = "--demo", description = "Enqueue demo jobs: a burst, a trickle, then silence.")
  boolean demo;

  @Option(names = "--budget", paramLabel = "BUDGET_YAML",
      description = "A WorkerBudget manifest that selects the pool: its workers x workers.budgetCost stay within the"
          + " budget's limit (docs/budgets.md).")
  Path budgetFile;

  @Option(names = "--duration", description = "Stop after this long (default: 75s with --demo, else until Ctrl-C).")
  String duration;

  @Option(names = "--dashboard-port",
      description = "Port of the dashboard on 127.0.0.1 (default: any free port; the URL is printed).")
  int dashboardPort;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    WorkerPool pool = loadPool();
    ScalingSettings settings = WorkerPoolScalingSettings.from(pool.getSpec());
    Optional<LocalBudget> budget = loadBudget(pool, settings);
    List<String> command = workerCommand();
    Duration runFor = duration != null ? DurationFormat.parse(duration) : demo ? Duration.ofSeconds(75) : null;
    Path logs = Files.createTempDirectory("ebb-local-");
    Clock clock = Clock.systemUTC();
    Dashboard dashboard = new Dashboard(clock);
    try (StopSignals stop = StopSignals.install();
         LocalRedis localRedis = LocalRedis.of(redis);
         DashboardServer page = DashboardServer.start(dashboardPort, new DashboardHandler(dashboard,
             () -> new Standing.Serving("ebb local"), clock))) {
      String queue = pool.getSpec().getQueue().getRedis().getQueue();
      out.printf("pool %s: queue %s on %s, %d..%d workers, polling every %s; worker logs in %s%n",
          pool.getMetadata().getName(), queue, localRedis.address(), settings.min(), settings.max(),
          DurationFormat.format(settings.pollingInterval()), logs);
      out.printf("dashboard: %s%n", page.url());
      Duration grace = DurationFormat.parse(pool.getSpec().getWorkers().getShutdownGracePeriod());
      Map<String, String> env = Map.of(
          "EBB_REDIS_URL", localRedis.address(),
          "EBB_QUEUE", queue,
          "EBB_POOL", pool.getMetadata().getName(),
          "EBB_CONCURRENCY", Integer.toString(settings.concurrency()),
          "EBB_SHUTDOWN_TIMEOUT", ShutdownTiming.of(grace).workerShutdownTimeoutText(),
          "EBB_HEARTBEAT_INTERVAL", "2s",
          "EBB_HTTP_PORT", "0");
      QueueSpec localQueue = new QueueSpec(copyWithAddress(pool.getSpec().getQueue().getRedis(), localRedis.address()));
      try (RedisConnections connections = new RedisConnections(Duration.ofSeconds(2), 2);
           QueueScaler scaler = new ScalerRegistry(connections, clock).create(localQueue, Optional.empty());
           LocalWorkers workers = new LocalWorkers(command, env, pool.getMetadata().getName(), grace, logs);
           ChildrenOnExit safetyNet = ChildrenOnExit.stop(workers, localRedis);
           JedisPooled producer = new JedisPooled(RedisEndpoint.parse(localRedis.address()).host(),
               RedisEndpoint.parse(localRedis.address()).port())) {
        Duration staleAfter = DurationFormat.parse(pool.getSpec().getWorkers().getHeartbeat().getStaleAfter());
        LocalControlLoop loop = new LocalControlLoop(settings, scaler, workers, staleAfter, clock, out, dashboard,
            new PoolKey(Optional.ofNullable(pool.getMetadata().getNamespace()).orElse("local"),
                pool.getMetadata().getName()), budget);
        budget.ifPresent(b -> out.printf("budget %s: limit %d, %d per worker%n", b.line().name(), b.line().limit(),
            b.cost()));
        stop.onSecondSignal(workers::killAll);
        run(loop, settings.pollingInterval(), runFor, demo ? new DemoLoad(producer, queue, clock) : null, clock, stop);
        if (stop.received()) {
          out.printf("%s: stopping %d worker(s) within their %s grace period (again to stop them at once), then "
              + "%s%n", stop.name(), workers.count(), DurationFormat.format(grace),
              localRedis.process() != null ? "the private Redis" : "exiting");
          out.flush();
        }
        out.printf("done: %d scaling changes, at most %d workers%n", loop.changes(), loop.mostWorkers());
      }
    }
    return 0;
  }

  private void run(LocalControlLoop loop, Duration interval, Duration runFor, DemoLoad load, Clock clock,
      StopSignals stop) throws IOException, InterruptedException {
    Instant start = clock.instant();
    Instant end = runFor == null ? Instant.MAX : start.plus(runFor);
    loop.printHeader();
    long nextStep = 0;
    long second = 0;
    while (clock.instant().isBefore(end) && !stop.received()) {
      long elapsedMillis = Duration.between(start, clock.instant()).toMillis();
      if (load != null && elapsedMillis >= second * 1000) {
        load.enqueue(DemoLoad.jobsAt(second++));
      }
      if (elapsedMillis >= nextStep) {
        loop.step();
        nextStep += interval.toMillis();
      }
      stop.await(50);
    }
  }

  private WorkerPool loadPool() throws IOException {
    try (InputStream in = poolFile == null
        ? LocalCommand.class.getResourceAsStream("demo-pool.yaml") : Files.newInputStream(poolFile)) {
      WorkerPool pool = Serialization.unmarshal(in, WorkerPool.class);
      if (pool == null || pool.getSpec() == null || pool.getSpec().getQueue().getRedis() == null) {
        throw new CommandLine.ParameterException(spec.commandLine(), "not a WorkerPool with a redis queue: "
            + poolFile);
      }
      return pool;
    }
  }

  private Optional<LocalBudget> loadBudget(WorkerPool pool, ScalingSettings settings) throws IOException {
    if (budgetFile == null) {
      return Optional.empty();
    }
    try (InputStream in = Files.newInputStream(budgetFile)) {
      return Optional.of(LocalBudget.of(Serialization.unmarshal(in, WorkerBudget.class), pool, settings));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), budgetFile + ": " + e.getMessage(), e);
    }
  }

  private List<String> workerCommand() {
    if (workerCommand != null) {
      return Arrays.asList(workerCommand.trim().split("\\s+"));
    }
    if (!Files.isRegularFile(Path.of(DEFAULT_WORKER_JAR))) {
      throw new CommandLine.ParameterException(spec.commandLine(), DEFAULT_WORKER_JAR + " not found: run from the"
          + " repository after ./mvnw package -DskipTests, or pass --worker-command");
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return List.of(java, "-XX:+UseSerialGC", "-Xmx128m", "-jar", DEFAULT_WORKER_JAR);
  }

  /** The pool's queue block, every format option kept, with the address {@code ebb local} uses. */
  private static RedisQueueSpec copyWithAddress(RedisQueueSpec spec, String address) {
    RedisQueueSpec copy = JSON.clone(spec);
    copy.setAddress(address);
    return copy;
  }

  /** The Redis of a local run: the one named, or a private one stopped at the end. */
  private record LocalRedis(String address, RedisProcess process) implements AutoCloseable {

    static LocalRedis of(String address) {
      if (address != null) {
        return new LocalRedis(address, null);
      }
      RedisProcess process = RedisProcess.startOnFreePort();
      return new LocalRedis(process.uri(), process);
    }

    @Override
    public void close() {
      if (process != null) {
        process.close();
      }
    }
  }
}
