package dev.ebb.operator.scaler.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ebb.api.v1alpha1.PostgresFormat;
import dev.ebb.api.v1alpha1.PostgresQueueSpec;
import dev.ebb.api.v1alpha1.PostgresSslMode;
import dev.ebb.api.v1alpha1.SecretKeyReference;
import dev.ebb.operator.autoscale.QueueSignals;
import dev.ebb.operator.network.QueueNetworks;
import dev.ebb.operator.scaler.Credentials;
import dev.ebb.operator.scaler.QueueReading;
import dev.ebb.operator.scaler.QueueScaler;
import dev.ebb.operator.scaling.ScalingDecision;
import dev.ebb.operator.scaling.ScalingPolicy;
import dev.ebb.operator.scaling.ScalingSettings;
import dev.ebb.operator.scaling.ScalingState;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The decision core driven by a real River queue in a real PostgreSQL: a burst of jobs scales the pool up, and River
 * workers (simulated with River's own state changes: claim to running with attempted_at, complete with finalized_at)
 * draining it bring it back down.
 *
 * <p>The operator's whole loop (QueueMonitor, the planner, the Deployment on the mock API server) reaches its scalers
 * through ScalerRegistry, which knows Redis only until the registry is made backend-generic; this test drives the same
 * path it takes after the scaler ({@link QueueSignals#observe} then {@link ScalingPolicy#decide}) with readings
 * from the real scaler, the replicas it decides fed back as the next poll's current replicas.
 */
class PostgresAutoscalingIT {

  private static final String READER_PASSWORD = "reader-secret-Aw27";
  private static final Duration POLL = Duration.ofMillis(500);
  private static PostgresProcess server;
  private static PostgresBackend backend;

  @BeforeAll
  static void startServer() throws Exception {
    server = PostgresProcess.start();
    server.execute("postgres", "CREATE DATABASE jobs",
        "CREATE ROLE ebb_reader LOGIN PASSWORD '" + READER_PASSWORD + "'");
    server.executeResource("jobs", "/postgres/river.sql");
    server.execute("jobs", "GRANT SELECT ON river_job TO ebb_reader");
    backend = new PostgresBackend(PostgresScalerIT.settings(QueueNetworks.anywhere()));
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (backend != null) {
      backend.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aBurstScalesUpAndADrainedQueueScalesBackDown() throws Exception {
    ScalingSettings settings = new ScalingSettings(1, 10, POLL, Duration.ofSeconds(5), 0.8, 100, Duration.ZERO,
        Duration.ofSeconds(2), Duration.ofMinutes(5), java.util.OptionalInt.empty(), 3, false, 1);
    Loop loop = new Loop(settings);
    PostgresQueueSpec block = new PostgresQueueSpec("127.0.0.1", "jobs", "ebb_reader", PostgresFormat.RIVER, "mailers");
    block.setPort(server.port());
    block.setSslMode(PostgresSslMode.DISABLE);
    block.setPasswordFrom(new SecretKeyReference("queue-db", "password"));

    try (QueueScaler scaler = backend.create(block, Credentials.of(Map.of("passwordFrom", READER_PASSWORD)))) {
      loop.poll(scaler);
      assertThat(loop.replicas).as("an empty queue keeps the minimum").isEqualTo(1);

      // River's InsertMany: 400 available jobs at once
      server.execute("jobs", "INSERT INTO river_job (args, kind, max_attempts, queue, state, scheduled_at, priority)"
          + " SELECT '{}', 'email', 25, 'mailers', 'available', now(), 1 FROM generate_series(1, 400)");
      loop.poll(scaler);
      assertThat(loop.replicas).as("replicas after the burst (%s)", loop.last.message()).isGreaterThanOrEqualTo(4);
      int peak = loop.replicas;

      AtomicBoolean stop = new AtomicBoolean();
      Thread workers = new Thread(() -> drain(stop), "river-workers");
      workers.start();
      try {
        await().atMost(Duration.ofSeconds(60)).pollInterval(POLL).until(() -> {
          loop.poll(scaler);
          return loop.replicas == 1;
        });
      } finally {
        stop.set(true);
        workers.join();
      }
      assertThat(loop.history).as("replicas poll by poll").contains(peak).endsWith(1);
      assertThat(loop.lastReading.depth()).isZero();
      assertThat(loop.lastReading.processingTime()).as("from River's completed jobs").isPresent();
    }
  }

  /** River workers: claim up to 40 available jobs (running, attempted_at), work 100 ms, complete them. */
  private static void drain(AtomicBoolean stop) {
    try (Connection connection = server.admin("jobs"); Statement statement = connection.createStatement()) {
      while (!stop.get()) {
        statement.execute("UPDATE river_job SET state = 'running', attempt = attempt + 1, attempted_at = now(),"
            + " attempted_by = ARRAY['worker-1'] WHERE id IN (SELECT id FROM river_job WHERE state = 'available'"
            + " AND queue = 'mailers' AND scheduled_at <= now() ORDER BY priority, scheduled_at, id LIMIT 40"
            + " FOR UPDATE SKIP LOCKED)");
        Thread.sleep(100);
        statement.execute("UPDATE river_job SET state = 'completed', finalized_at = now()"
            + " WHERE state = 'running' AND queue = 'mailers'");
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The poll after the scaler: signals from two readings, the policy's decision applied as the next current. */
  private static final class Loop {
    private final ScalingSettings settings;
    private final ScalingPolicy policy = new ScalingPolicy();
    private final List<Integer> history = new ArrayList<>();
    private ScalingState state = ScalingState.initial();
    private Optional<QueueReading> previous = Optional.empty();
    private QueueReading lastReading;
    private ScalingDecision last;
    private int replicas = 1;

    Loop(ScalingSettings settings) {
      this.settings = settings;
    }

    void poll(QueueScaler scaler) throws Exception {
      QueueReading reading = scaler.measure();
      last = policy.decide(settings, replicas, QueueSignals.observe(previous, reading, Duration.ofSeconds(60)), state,
          reading.readAt());
      state = last.nextState();
      replicas = last.desiredReplicas();
      history.add(replicas);
      previous = Optional.of(reading);
      lastReading = reading;
    }
  }
}
