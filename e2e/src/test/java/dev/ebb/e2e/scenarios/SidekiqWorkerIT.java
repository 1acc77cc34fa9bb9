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
 * Workers Ebb did not write: one real {@code sidekiq} process per pod (Debian's ruby-sidekiq, run by the hollow node
 * with the pod's name as its hostname, {@code -c}, {@code -q} and {@code -t} from the variables Ebb sets), a pool of
 * format {@code sidekiq}. The pool scales with Sidekiq's queue, estimates the processing time by Little's law, and
 * restarts the pod of a process frozen with SIGSTOP.
 */
class SidekiqWorkerIT {

  private static final String QUEUE = "sidekiq-mail";
  private static final Duration STALE_AFTER = Duration.ofSeconds(20);
  private static final Duration POLL = Duration.ofSeconds(1);

  @RegisterExtension
  static final Scenario scenario = Scenario.in("e2e-sidekiq");

  @TempDir
  static Path jobs;

  @Test
  void sidekiqProcessesScaleWithTheirQueueAndAFrozenOneIsRestarted() throws Exception {
    Files.writeString(jobs.resolve("worker.rb"), """
        require "sidekiq"
        class SleepJob
          include Sidekiq::Worker
          def perform(seconds)
            sleep(seconds)
          end
        end
        """);
    TestPool pool = scenario.pool(QUEUE).create(pool());
    Duration restartedAfter = FrozenLibraryWorker.scalesThenRestartsAFrozenWorker(scenario, pool,
        SidekiqWorkerIT::processHosts, () -> enqueue(90, 1.0), "estimated", STALE_AFTER, POLL);
    Figures.record("sidekiq process", "SIGSTOP of a real sidekiq -> its pod deleted " + Figures.seconds(restartedAfter)
        + " (staleAfter 20s, polling 1s); processing time " + pool.get().getStatus().getWorkers().getProcessingTime()
        + " (estimated) for jobs of 1s");
  }

  private static String pool() {
    return """
        apiVersion: ebb.dev/v1alpha1
        kind: WorkerPool
        metadata: {name: %s, namespace: %s}
        spec:
          replicas: {min: 1, max: 3}
          queue:
            redis: {address: "%s", queue: %s, format: sidekiq}
          scaling: {pollingInterval: 1s, maxQueueLatency: 5s, jobsPerReplica: 10}
          workers: {concurrency: 2, shutdownGracePeriod: 10s, heartbeat: {staleAfter: 20s}}
          template:
            spec:
              containers:
                - name: sidekiq
                  image: %s
                  command: ["sidekiq", "-r", "%s"]
                  args: ["-q", "$(EBB_QUEUE)", "-c", "$(EBB_CONCURRENCY)", "-t", "$(EBB_SHUTDOWN_TIMEOUT_SECONDS)"]
                  env:
                    - {name: REDIS_URL, value: "%s"}
        """.formatted(QUEUE, scenario.namespace(), scenario.redisAddress(), QUEUE, HollowNode.HOST_COMMAND_IMAGE,
        jobs.resolve("worker.rb"), scenario.redisAddress());
  }

  /** Enqueues with Sidekiq's own client. */
  private static void enqueue(int count, double seconds) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder("ruby", "-e", """
        require "%s"
        Sidekiq::Client.push_bulk("class" => SleepJob, "queue" => "%s", "args" => Array.new(%d) { [%s] })
        """.formatted(jobs.resolve("worker.rb"), QUEUE, count, seconds)).redirectErrorStream(true);
    builder.environment().put("REDIS_URL", scenario.redisAddress());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
  }

  /** The hostnames of the live Sidekiq processes serving the queue: identities are hostname:pid:nonce. */
  private static Set<String> processHosts(JedisPooled redis) {
    return redis.smembers("processes").stream().filter(identity -> redis.exists(identity))
        .map(identity -> identity.substring(0, identity.indexOf(':'))).collect(Collectors.toSet());
  }
}
