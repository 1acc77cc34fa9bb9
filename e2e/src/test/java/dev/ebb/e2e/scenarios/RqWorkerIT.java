package dev.ebb.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.e2e.cluster.HollowNode;
import dev.ebb.e2e.support.Figures;
import dev.ebb.e2e.support.FrozenLibraryWorker;
import dev.ebb.e2e.support.Scenario;
import dev.ebb.e2e.support.TestPool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.JedisPooled;

/**
 * Workers Ebb did not write: one real {@code rq worker} per pod (Debian's python3-rq, run by the hollow node with the
 * pod's name as its hostname), a pool of format {@code rq}. The pool scales with RQ's queue, shows RQ's own processing
 * time, and restarts the pod of a worker frozen with SIGSTOP.
 */
class RqWorkerIT {

  private static final String PYTHON = "/usr/bin/python3";
  private static final String QUEUE = "rq-mail";
  private static final Duration STALE_AFTER = Duration.ofSeconds(10);
  private static final Duration POLL = Duration.ofSeconds(1);

  @RegisterExtension
  static final Scenario scenario = Scenario.in("e2e-rq");

  @TempDir
  static Path jobs;

  @Test
  void rqWorkersScaleWithTheirQueueAndAFrozenOneIsRestarted() throws Exception {
    Files.writeString(jobs.resolve("jobs.py"), "import time\n\ndef sleep_job(seconds):\n    time.sleep(seconds)\n");
    TestPool pool = scenario.pool("rq-mail").create(pool());
    Duration restartedAfter = FrozenLibraryWorker.scalesThenRestartsAFrozenWorker(scenario, pool,
        RqWorkerIT::rqWorkerHosts, () -> enqueue(90, 1.0), "backend", STALE_AFTER, POLL);
    Figures.record("rq worker", "SIGSTOP of a real rq worker -> its pod deleted " + Figures.seconds(restartedAfter)
        + " (staleAfter 10s, polling 1s); processing time " + pool.get().getStatus().getWorkers().getProcessingTime()
        + " (backend) for jobs of 1s");
  }

  private static String pool() {
    return """
        apiVersion: ebb.dev/v1alpha1
        kind: WorkerPool
        metadata: {name: rq-mail, namespace: %s}
        spec:
          replicas: {min: 1, max: 3}
          queue:
            redis: {address: "%s", queue: %s, format: rq}
          scaling: {pollingInterval: 1s, maxQueueLatency: 5s, jobsPerReplica: 10}
          workers: {concurrency: 1, shutdownGracePeriod: 10s, heartbeat: {staleAfter: 10s}}
          template:
            spec:
              containers:
                - name: rq
                  image: %s
                  command: ["%s", "/usr/bin/rq", "worker", "--url", "%s", "--worker-ttl", "20"]
                  args: ["$(EBB_QUEUE)"]
                  env:
                    - {name: PYTHONPATH, value: "%s"}
        """.formatted(scenario.namespace(), scenario.redisAddress(), QUEUE, HollowNode.HOST_COMMAND_IMAGE, PYTHON,
        scenario.redisAddress(), jobs);
  }

  /** Enqueues with RQ's own client. */
  private static void enqueue(int count, double seconds) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(PYTHON, "-c", """
        from redis import Redis
        from rq import Queue
        import jobs
        q = Queue("%s", connection=Redis.from_url("%s"))
        for _ in range(%d):
            q.enqueue(jobs.sleep_job, %s)
        """.formatted(QUEUE, scenario.redisAddress(), count, seconds)).redirectErrorStream(true);
    builder.environment().put("PYTHONPATH", jobs.toString());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
  }

  /** The hostnames of the RQ workers registered for the queue, as RQ records them. */
  private static Set<String> rqWorkerHosts(JedisPooled redis) {
    return redis.smembers("rq:workers:" + QUEUE).stream().map(key -> redis.hget(key, "hostname"))
        .filter(host -> host != null).collect(Collectors.toSet());
  }
}
