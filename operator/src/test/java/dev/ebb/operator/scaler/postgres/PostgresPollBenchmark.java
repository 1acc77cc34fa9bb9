package dev.ebb.operator.scaler.postgres;

import dev.ebb.api.v1alpha1.PostgresFormat;
import dev.ebb.api.v1alpha1.PostgresQueueSpec;
import dev.ebb.api.v1alpha1.PostgresSslMode;
import dev.ebb.api.v1alpha1.SecretKeyReference;
import dev.ebb.operator.network.QueueNetworks;
import dev.ebb.operator.scaler.BackendSettings;
import dev.ebb.operator.scaler.Credentials;
import dev.ebb.operator.scaler.QueueReading;
import dev.ebb.operator.scaler.QueueScaler;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * How many polls per second one {@code measure()} loop sustains against a real PostgreSQL, per format: a private
 * server (as the tests start it), each library's schema, {@code JOBS} waiting jobs in the measured queue (and as many
 * finished ones, a few running, and another queue of the same size), then {@code SECONDS} of back-to-back polls on one
 * thread. Not a test: run it with bench/postgres-polls.sh.
 */
public final class PostgresPollBenchmark {

  private static final String PASSWORD = "bench-secret-Lp4";

  private PostgresPollBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int jobs = Integer.parseInt(System.getenv().getOrDefault("JOBS", "10000"));
    int seconds = Integer.parseInt(System.getenv().getOrDefault("SECONDS", "5"));
    try (PostgresProcess server = PostgresProcess.start()) {
      server.execute("postgres", "CREATE DATABASE jobs",
          "CREATE ROLE ebb_reader LOGIN BYPASSRLS PASSWORD '" + PASSWORD + "'");
      for (String format : new String[] {"solid_queue", "good_job", "que", "river", "graphile_worker"}) {
        server.executeResource("jobs", "/postgres/" + format + ".sql");
      }
      server.execute("jobs", "GRANT USAGE ON SCHEMA public, graphile_worker TO ebb_reader",
          "GRANT SELECT ON ALL TABLES IN SCHEMA public, graphile_worker TO ebb_reader");
      fill(server, jobs);
      System.out.printf("PostgreSQL %s, %d waiting jobs per queue, %d s per format, one thread%n",
          server.version(), jobs, seconds);
      try (PostgresBackend backend = new PostgresBackend(new BackendSettings(Duration.ofSeconds(2), 2,
          QueueNetworks.anywhere(), Clock.systemUTC()))) {
        for (PostgresFormat format : PostgresFormat.values()) {
          PostgresQueueSpec block = new PostgresQueueSpec("127.0.0.1", "jobs", "ebb_reader", format,
              format == PostgresFormat.SQL ? null : "mailers");
          block.setPort(server.port());
          block.setSslMode(PostgresSslMode.DISABLE);
          block.setPasswordFrom(new SecretKeyReference("db", "password"));
          if (format == PostgresFormat.SQL) {
            block.setQuery("SELECT count(*) AS depth FROM river_job WHERE queue = 'mailers' AND state = 'available'");
          }
          try (QueueScaler scaler = backend.create(block, Credentials.of(Map.of("passwordFrom", PASSWORD)))) {
            QueueReading first = scaler.measure(); // warm: the connection opens here
            long polls = 0;
            long started = System.nanoTime();
            long end = started + Duration.ofSeconds(seconds).toNanos();
            while (System.nanoTime() < end) {
              scaler.measure();
              polls++;
            }
            double elapsed = (System.nanoTime() - started) / 1e9;
            System.out.printf("%-16s %8.0f polls/s  %7.2f ms/poll  (depth %d, oldest %s, running %s, processing %s)%n",
                format.value(), polls / elapsed, elapsed * 1000 / polls, first.depth(),
                first.oldestJobAge().map(Duration::toString).orElse("-"),
                first.runningJobs().isPresent() ? first.runningJobs().getAsInt() : "-",
                first.processingTime().map(Duration::toString).orElse("-"));
          }
        }
      }
    }
  }

  private static void fill(PostgresProcess server, int jobs) throws Exception {
    String utc = "(now() AT TIME ZONE 'UTC')";
    for (String queue : new String[] {"mailers", "default"}) {
      server.execute("jobs",
          "INSERT INTO solid_queue_jobs (queue_name, class_name, priority, scheduled_at, created_at, updated_at)"
              + " SELECT '" + queue + "', 'Job', 0, " + utc + " - i * interval '1 ms', " + utc + ", " + utc
              + " FROM generate_series(1, " + jobs + ") i",
          "INSERT INTO solid_queue_ready_executions (job_id, queue_name, priority, created_at)"
              + " SELECT id, queue_name, 0, scheduled_at FROM solid_queue_jobs WHERE queue_name = '" + queue + "'",
          "INSERT INTO good_jobs (queue_name, priority, scheduled_at, created_at, updated_at, performed_at,"
              + " finished_at) SELECT '" + queue + "', 0, " + utc + " - i * interval '1 ms', " + utc + ", " + utc
              + ", CASE WHEN i % 2 = 0 THEN " + utc + " - interval '2 s' END, CASE WHEN i % 2 = 0 THEN " + utc
              + " END FROM generate_series(1, " + (2 * jobs) + ") i",
          "INSERT INTO que_jobs (job_class, queue, run_at, job_schema_version) SELECT 'Job', '" + queue
              + "', now() - i * interval '1 ms', 2 FROM generate_series(1, " + jobs + ") i",
          "INSERT INTO river_job (args, kind, queue, state, scheduled_at, attempted_at, finalized_at)"
              + " SELECT '{}', 'email', '" + queue + "', CASE WHEN i % 2 = 0 THEN 'completed' ELSE 'available' END"
              + "::river_job_state, now() - i * interval '1 ms', CASE WHEN i % 2 = 0 THEN now() - interval '2 s' END,"
              + " CASE WHEN i % 2 = 0 THEN now() END FROM generate_series(1, " + (2 * jobs) + ") i",
          "SELECT graphile_worker.add_jobs(array_agg(ROW('task', '{}'::json, '" + queue + "', now() - i * interval"
              + " '1 ms', NULL, NULL, NULL, NULL)::graphile_worker.job_spec)) FROM generate_series(1, " + jobs + ") i",
          "ANALYZE");
    }
  }
}
