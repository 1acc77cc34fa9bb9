package dev.ebb.operator.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ebb.operator.EbbQueueWriter;
import dev.ebb.redis.RedisProcess;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import redis.clients.jedis.JedisPooled;

/** ebb local with real worker processes: they start for a backlog, finish every job, and go away when idle. */
class LocalCommandIT {

  private static final Path WORKER_JAR = Path.of("../worker-runtime/target/ebb-worker.jar");

  @TempDir
  Path dir;

  @Test
  void workersStartForABacklogFinishEveryJobAndScaleToZero() throws Exception {
    assumeTrue(Files.isRegularFile(WORKER_JAR), "the worker jar is built by the full reactor build: " + WORKER_JAR);
    Path pool = dir.resolve("pool.yaml");
    Files.writeString(pool, """
        apiVersion: ebb.dev/v1alpha1
        kind: WorkerPool
        metadata: {name: local-test}
        spec:
          replicas: {min: 0, max: 3}
          queue: {redis: {address: "redis://ignored:6379/0", queue: jobs}}
          scaling: {pollingInterval: 1s, jobsPerReplica: 40, scaleDown: {stabilizationWindow: 2s}, scaleToZeroAfter: 3s}
          workers: {concurrency: 4, shutdownGracePeriod: 10s}
          template: {spec: {containers: [{name: worker, image: unused}]}}
        """);
    try (RedisProcess redis = RedisProcess.startOnFreePort();
         EbbQueueWriter queue = new EbbQueueWriter(redis.host(), redis.port());
         JedisPooled stats = new JedisPooled(redis.host(), redis.port())) {
      queue.enqueue("jobs", 200, Instant.now());
      StringWriter output = new StringWriter();
      CommandLine command = new CommandLine(new LocalCommand()).setOut(new PrintWriter(output));

      int exit = command.execute(pool.toString(), "--redis", redis.uri(), "--duration", "30s",
          "--worker-command", "java -Xmx96m -jar " + WORKER_JAR);

      assertThat(exit).isZero();
      assertThat(output.toString()).contains("Activation").contains("ScaleToZero");
      assertThat(stats.hget("ebb:{jobs}:stats", "completed")).as("every job finished, none lost").isEqualTo("200");
      assertThat(queue.depth("jobs")).isZero();
    }
  }

  @Test
  void aBudgetFileCapsTheWorkersAndEveryJobStillFinishes() throws Exception {
    assumeTrue(Files.isRegularFile(WORKER_JAR), "the worker jar is built by the full reactor build: " + WORKER_JAR);
    Path pool = dir.resolve("pool.yaml");
    Files.writeString(pool, """
        apiVersion: ebb.dev/v1alpha1
        kind: WorkerPool
        metadata: {name: local-test, labels: {budget: db}}
        spec:
          replicas: {min: 0, max: 3}
          queue: {redis: {address: "redis://ignored:6379/0", queue: jobs}}
          scaling: {pollingInterval: 1s, jobsPerReplica: 40, scaleDown: {stabilizationWindow: 2s}, scaleToZeroAfter: 3s}
          workers: {concurrency: 4, shutdownGracePeriod: 10s}
          template: {spec: {containers: [{name: worker, image: unused}]}}
        """);
    Path budget = dir.resolve("budget.yaml");
    Files.writeString(budget, """
        apiVersion: ebb.dev/v1alpha1
        kind: WorkerBudget
        metadata: {name: db}
        spec: {limit: 9, selector: {matchLabels: {budget: db}}}
        """);
    try (RedisProcess redis = RedisProcess.startOnFreePort();
         EbbQueueWriter queue = new EbbQueueWriter(redis.host(), redis.port());
         JedisPooled stats = new JedisPooled(redis.host(), redis.port())) {
      queue.enqueue("jobs", 200, Instant.now());
      StringWriter output = new StringWriter();
      CommandLine command = new CommandLine(new LocalCommand()).setOut(new PrintWriter(output));

      // 200 jobs / 40 per worker want 5, max 3; the budget of 9 at 4 a worker allows 2
      int exit = command.execute(pool.toString(), "--redis", redis.uri(), "--duration", "30s", "--budget",
          budget.toString(), "--worker-command", "java -Xmx96m -jar " + WORKER_JAR);

      assertThat(exit).isZero();
      assertThat(output.toString()).contains("budget db: limit 9, 4 per worker").contains("(budget db, limit 9: 2 of 3)")
          .contains("at most 2 workers");
      assertThat(stats.hget("ebb:{jobs}:stats", "completed")).as("every job finished, none lost").isEqualTo("200");
    }
  }

  @Test
  void aBudgetTooSmallForThePoolsMinIsRefusedAtStart() throws Exception {
    Path pool = dir.resolve("pool.yaml");
    Files.writeString(pool, """
        apiVersion: ebb.dev/v1alpha1
        kind: WorkerPool
        metadata: {name: local-test}
        spec:
          replicas: {min: 3, max: 5}
          queue: {redis: {address: "redis://ignored:6379/0", queue: jobs}}
          workers: {concurrency: 4}
          template: {spec: {containers: [{name: worker, image: unused}]}}
        """);
    Path budget = dir.resolve("budget.yaml");
    Files.writeString(budget, """
        apiVersion: ebb.dev/v1alpha1
        kind: WorkerBudget
        metadata: {name: db}
        spec: {limit: 9}
        """);
    StringWriter errors = new StringWriter();
    CommandLine command = new CommandLine(new LocalCommand()).setErr(new PrintWriter(errors));

    int exit = command.execute(pool.toString(), "--budget", budget.toString(), "--worker-command", "true");

    assertThat(exit).isNotZero();
    assertThat(errors.toString()).contains("replicas.min 3 x workers.budgetCost 4 = 12 exceeds the limit 9 of"
        + " WorkerBudget db");
  }
}
