package dev.ebb.worker.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ebb.redis.RedisProcess;
import dev.ebb.worker.producer.JobClient;
import dev.ebb.worker.producer.NewJob;
import dev.ebb.worker.runtime.Launcher;
import dev.ebb.worker.support.QueueInspector;
import dev.ebb.worker.support.TestWorkers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** /metrics, /livez and /readyz of a running worker. */
class HealthEndpointsIT {

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void endpointsFollowTheWorkersState() throws Exception {
    try (RedisProcess redis = RedisProcess.startOnFreePort();
        QueueInspector inspector = new QueueInspector(redis.uri(), "health")) {
      JobClient client = new JobClient(inspector.redis(), "health", Clock.systemUTC());
      client.enqueue("demo", Map.of("sleepMs", 0));
      client.enqueue("demo", Map.of("fail", true, "sleepMs", 0));
      Launcher worker = Launcher.start(TestWorkers.config(redis.uri(), "health"), Clock.systemUTC());
      int port = worker.httpPort();

      await().atMost(Duration.ofSeconds(5)).until(() -> get(port, "/readyz").statusCode() == 200);
      assertThat(get(port, "/livez").statusCode()).isEqualTo(200);
      await().atMost(Duration.ofSeconds(5)).until(() -> get(port, "/metrics").body()
          .contains("ebb_jobs_total{outcome=\"retried\",queue=\"health\",type=\"demo\"}"));
      String metrics = get(port, "/metrics").body();
      assertThat(metrics)
          .contains("ebb_jobs_total{outcome=\"completed\",queue=\"health\",type=\"demo\"} 1.0")
          .contains("ebb_job_duration_seconds_bucket{queue=\"health\",type=\"demo\"")
          .contains("ebb_job_queue_wait_seconds_count{queue=\"health\"}")
          .contains("ebb_jobs_in_flight{queue=\"health\"}");

      redis.stop();
      await().atMost(Duration.ofSeconds(5)).until(() -> get(port, "/readyz").statusCode() == 503);
      assertThat(get(port, "/readyz").body()).contains("unreachable");
      assertThat(get(port, "/livez").statusCode()).isEqualTo(200); // a Redis outage is not a wedged worker
      redis.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> get(port, "/readyz").statusCode() == 200);

      // the test's own pooled connection died with the old server: the first call may fail, and did nothing
      await().atMost(Duration.ofSeconds(5)).ignoreExceptions()
          .until(() -> client.enqueue("demo", Map.of("sleepMs", 1_500)) != null);
      await().atMost(Duration.ofSeconds(5)).until(() -> worker.httpPort() > 0
          && "1".equals(inspector.workerHash(worker.identity().id()).get("busy")));
      worker.requestStop();
      HttpResponse<String> quiet = get(port, "/readyz");
      assertThat(quiet.statusCode()).isEqualTo(503);
      assertThat(quiet.body()).contains("worker is quiet");
      assertThat(worker.awaitTermination(Duration.ofSeconds(10))).isTrue();
    }
  }

  @Test
  void livenessFailsWhileStuckJobThreadsOutnumberTheProcessors() throws Exception {
    try (RedisProcess redis = RedisProcess.startOnFreePort();
        QueueInspector inspector = new QueueInspector(redis.uri(), "stuck")) {
      JobClient client = new JobClient(inspector.redis(), "stuck", Clock.systemUTC());
      String stuck = client.enqueue(NewJob.of("demo", Map.of("sleepMs", 3_000, "ignoreInterrupt", true))
          .withTimeout(Duration.ofMillis(200)).withMaxAttempts(1));
      Launcher worker = Launcher.start(TestWorkers.config(redis.uri(), "stuck", "EBB_CONCURRENCY", "1"),
          Clock.systemUTC());
      int port = worker.httpPort();
      try {
        await().atMost(Duration.ofSeconds(5)).until(() -> get(port, "/livez").statusCode() == 503);
        assertThat(get(port, "/livez").body()).contains("ignored the interrupt");
        assertThat(inspector.deadLetters()).singleElement()
            .satisfies(dead -> assertThat(dead.path("id").asText()).isEqualTo(stuck));
        String next = client.enqueue("demo", Map.of("sleepMs", 0));
        await().atMost(Duration.ofSeconds(5)).until(() -> inspector.completions().containsKey(next));
        await().atMost(Duration.ofSeconds(6)).until(() -> get(port, "/livez").statusCode() == 200);
      } finally {
        worker.requestStop();
        assertThat(worker.awaitTermination(Duration.ofSeconds(10))).isTrue();
      }
    }
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
