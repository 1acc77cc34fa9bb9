package dev.ebb.operator.scaler.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ebb.api.v1alpha1.PostgresFormat;
import dev.ebb.api.v1alpha1.PostgresQueueSpec;
import dev.ebb.api.v1alpha1.PostgresSslMode;
import dev.ebb.api.v1alpha1.SecretKeyReference;
import dev.ebb.operator.network.QueueNetworks;
import dev.ebb.operator.scaler.BackendSettings;
import dev.ebb.operator.scaler.Credentials;
import dev.ebb.operator.scaler.QueueReading;
import dev.ebb.operator.scaler.QueueScaler;
import dev.ebb.operator.scaler.ScalerException;
import dev.ebb.operator.scaler.ScalerException.Kind;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each PostgreSQL format against a real server (Debian's postgresql, a private cluster) holding each library's real
 * schema (src/test/resources/postgres/), with rows written the way the library writes them: the reading is exactly
 * the state written; each failure has its own kind, and no message carries the password.
 */
class PostgresScalerIT {

  private static final String DATABASE = "jobs";
  private static final String READER = "ebb_reader";
  private static final String READER_PASSWORD = "reader-secret-Zq81";
  private static final Duration TIMEOUT = Duration.ofSeconds(1);
  /** Slack for the time between writing a row and reading it on a busy machine. */
  private static final Duration SLACK = Duration.ofSeconds(10);

  private static PostgresProcess server;
  private static PostgresBackend backend;

  @BeforeAll
  static void startServer() throws Exception {
    server = PostgresProcess.start();
    server.execute("postgres", "CREATE DATABASE " + DATABASE, "CREATE DATABASE empty",
        // graphile-worker enables row level security on its tables without policies: only their owner, or a role
        // with BYPASSRLS, sees their rows (docs/formats.md)
        "CREATE ROLE " + READER + " LOGIN BYPASSRLS PASSWORD '" + READER_PASSWORD + "'");
    for (String format : List.of("solid_queue", "good_job", "que", "river", "graphile_worker")) {
      server.executeResource(DATABASE, "/postgres/" + format + ".sql");
    }
    server.execute(DATABASE, "GRANT USAGE ON SCHEMA public, graphile_worker TO " + READER,
        "GRANT SELECT ON ALL TABLES IN SCHEMA public, graphile_worker TO " + READER);
    backend = new PostgresBackend(settings(QueueNetworks.anywhere()));
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
  void solidQueueCountsReadyAndDueExecutionsAndClaimedOnes() throws Exception {
    // SolidQueue::Job.enqueue: a job row, then a ready execution (or a scheduled one when scheduled_at is ahead);
    // a worker's claim moves the ready execution to a claimed one; a finished job keeps its row, finished_at set.
    String now = "(now() AT TIME ZONE 'UTC')";
    List<Long> ready = new ArrayList<>();
    for (int seconds : new int[] {30, 20, 10}) {
      long id = solidQueueJob("mailers", now + " - interval '" + seconds + " seconds'", "NULL");
      server.execute(DATABASE, "INSERT INTO solid_queue_ready_executions (job_id, queue_name, priority, created_at)"
          + " VALUES (" + id + ", 'mailers', 0, " + now + " - interval '" + seconds + " seconds')");
      ready.add(id);
    }
    long due = solidQueueJob("mailers", now + " - interval '45 seconds'", "NULL");
    long later = solidQueueJob("mailers", now + " + interval '10 minutes'", "NULL");
    for (long id : new long[] {due, later}) {
      server.execute(DATABASE, "INSERT INTO solid_queue_scheduled_executions (job_id, queue_name, priority,"
          + " scheduled_at, created_at) SELECT id, queue_name, priority, scheduled_at, " + now
          + " - interval '1 hour' FROM solid_queue_jobs WHERE id = " + id);
    }
    for (int i = 0; i < 2; i++) {
      long claimed = solidQueueJob("mailers", now + " - interval '2 minutes'", "NULL");
      server.execute(DATABASE, "INSERT INTO solid_queue_claimed_executions (job_id, process_id, created_at)"
          + " VALUES (" + claimed + ", 1, " + now + " - interval '5 seconds')");
    }
    solidQueueJob("mailers", now + " - interval '3 minutes'", now + " - interval '2 minutes'"); // finished
    long blocked = solidQueueJob("mailers", now + " - interval '3 minutes'", "NULL");
    server.execute(DATABASE, "INSERT INTO solid_queue_blocked_executions (job_id, queue_name, priority,"
        + " concurrency_key, expires_at, created_at) VALUES (" + blocked + ", 'mailers', 0, 'k', " + now + ", " + now
        + ")");
    long other = solidQueueJob("default", now + " - interval '5 minutes'", "NULL");
    server.execute(DATABASE, "INSERT INTO solid_queue_ready_executions (job_id, queue_name, priority, created_at)"
        + " VALUES (" + other + ", 'default', 0, " + now + " - interval '5 minutes')");

    QueueReading reading = measure(block(PostgresFormat.SOLID_QUEUE, "mailers"));

    assertThat(reading.depth()).isEqualTo(4); // three ready, one scheduled and due
    assertThat(reading.oldestJobAge()).get().satisfies(age -> assertThat(age)
        .isBetween(Duration.ofSeconds(45), Duration.ofSeconds(45).plus(SLACK)));
    assertThat(reading.runningJobs()).isEqualTo(OptionalInt.of(2));
    assertThat(reading.processingTime()).isEmpty();
    assertThat(reading.heartbeats()).isEqualTo(QueueReading.Heartbeats.NOT_KEPT);
    assertThat(reading.workers()).isEmpty();
  }

  @Test
  void goodJobCountsQueuedAndRunningJobsAndTimesFinishedOnes() throws Exception {
    // GoodJob::Job: enqueue sets scheduled_at (now, or the wait); perform sets performed_at, then finished_at
    // (and error when discarded).
    String now = "(now() AT TIME ZONE 'UTC')";
    for (int seconds : new int[] {30, 20, 10}) {
      goodJob("mailers", now + " - interval '" + seconds + " seconds'", "NULL", "NULL");
    }
    goodJob("mailers", now + " + interval '10 minutes'", "NULL", "NULL"); // scheduled
    goodJob("mailers", now + " - interval '1 minute'", now + " - interval '3 seconds'", "NULL"); // running
    goodJob("mailers", now + " - interval '1 minute'", now + " - interval '1 second'", "NULL"); // running
    goodJob("mailers", now + " - interval '2 minutes'", now + " - interval '100 seconds'",
        now + " - interval '98 seconds'"); // finished in 2 s
    goodJob("mailers", now + " - interval '2 minutes'", now + " - interval '100 seconds'",
        now + " - interval '96 seconds'"); // 4 s
    goodJob("mailers", now + " - interval '2 minutes'", now + " - interval '100 seconds'",
        now + " - interval '94 seconds'"); // 6 s
    goodJob("default", now + " - interval '5 minutes'", "NULL", "NULL");

    QueueReading reading = measure(block(PostgresFormat.GOOD_JOB, "mailers"));

    assertThat(reading.depth()).isEqualTo(3);
    assertThat(reading.oldestJobAge()).get().satisfies(age -> assertThat(age)
        .isBetween(Duration.ofSeconds(30), Duration.ofSeconds(30).plus(SLACK)));
    assertThat(reading.runningJobs()).isEqualTo(OptionalInt.of(2));
    assertThat(reading.processingTime()).contains(Duration.ofSeconds(4));
  }

  @Test
  void queCountsUnlockedDueJobsAndThoseAWorkerHoldsALockOn() throws Exception {
    // que: Que.enqueue inserts a row; a worker takes pg_try_advisory_lock(id) on the job it works, in its session.
    List<Long> locked = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      locked.add(queJob("mailers", "now() - interval '60 seconds'", null));
    }
    for (int seconds : new int[] {30, 20, 10}) {
      queJob("mailers", "now() - interval '" + seconds + " seconds'", null);
    }
    queJob("mailers", "now() + interval '10 minutes'", null);
    queJob("mailers", "now() - interval '2 minutes'", "finished_at");
    queJob("mailers", "now() - interval '2 minutes'", "expired_at");
    queJob("default", "now() - interval '5 minutes'", null);

    try (Connection worker = server.admin(DATABASE); Statement statement = worker.createStatement()) {
      for (long id : locked) {
        statement.execute("SELECT pg_try_advisory_lock(" + id + ")");
      }

      QueueReading reading = measure(block(PostgresFormat.QUE, "mailers"));

      assertThat(reading.depth()).isEqualTo(3);
      assertThat(reading.oldestJobAge()).get().satisfies(age -> assertThat(age)
          .isBetween(Duration.ofSeconds(30), Duration.ofSeconds(30).plus(SLACK)));
      assertThat(reading.runningJobs()).isEqualTo(OptionalInt.of(2));
      assertThat(reading.processingTime()).isEmpty();
    }
    assertThat(measure(block(PostgresFormat.QUE, "mailers")).depth()).as("locks released").isEqualTo(5);
  }

  @Test
  void riverCountsAvailableAndDueJobsAndTimesCompletedOnes() throws Exception {
    // River: InsertMany writes available (or scheduled) rows; a producer sets running, attempt and attempted_at; the
    // completer sets completed and finalized_at; a failed attempt is retryable with the next scheduled_at.
    riverJob("mailers", "available", "now() - interval '30 seconds'", "NULL", "NULL");
    riverJob("mailers", "available", "now() - interval '10 seconds'", "NULL", "NULL");
    riverJob("mailers", "retryable", "now() - interval '40 seconds'", "now() - interval '50 seconds'", "NULL");
    riverJob("mailers", "scheduled", "now() + interval '10 minutes'", "NULL", "NULL");
    riverJob("mailers", "running", "now() - interval '1 minute'", "now() - interval '5 seconds'", "NULL");
    riverJob("mailers", "running", "now() - interval '1 minute'", "now() - interval '2 seconds'", "NULL");
    riverJob("mailers", "completed", "now() - interval '2 minutes'", "now() - interval '100 seconds'",
        "now() - interval '99 seconds'");
    riverJob("mailers", "completed", "now() - interval '2 minutes'", "now() - interval '100 seconds'",
        "now() - interval '98 seconds'");
    riverJob("mailers", "completed", "now() - interval '2 minutes'", "now() - interval '100 seconds'",
        "now() - interval '97 seconds'");
    riverJob("mailers", "discarded", "now() - interval '2 minutes'", "now() - interval '100 seconds'",
        "now() - interval '40 seconds'");
    riverJob("default", "available", "now() - interval '5 minutes'", "NULL", "NULL");

    QueueReading reading = measure(block(PostgresFormat.RIVER, "mailers"));

    assertThat(reading.depth()).isEqualTo(3);
    assertThat(reading.oldestJobAge()).get().satisfies(age -> assertThat(age)
        .isBetween(Duration.ofSeconds(40), Duration.ofSeconds(40).plus(SLACK)));
    assertThat(reading.runningJobs()).isEqualTo(OptionalInt.of(2));
    assertThat(reading.processingTime()).contains(Duration.ofSeconds(2));
  }

  @Test
  void graphileWorkerCountsAvailableDueJobsOfANamedQueueOrOfAll() throws Exception {
    // graphile-worker's own add_job(); a worker locks a job (and its named queue) as getJobs does.
    server.execute(DATABASE,
        "SELECT graphile_worker.add_job('send_email', '{}'::json, queue_name => 'mailer', run_at => now() - interval"
            + " '30 seconds')",
        "SELECT graphile_worker.add_job('send_email', '{}'::json, queue_name => 'mailer', run_at => now() - interval"
            + " '20 seconds')",
        "SELECT graphile_worker.add_job('send_email', '{}'::json, queue_name => 'mailer', run_at => now() - interval"
            + " '10 seconds')",
        "SELECT graphile_worker.add_job('send_email', '{}'::json, queue_name => 'mailer', run_at => now() + interval"
            + " '10 minutes')",
        "SELECT graphile_worker.add_job('resize', '{}'::json, run_at => now() - interval '50 seconds')",
        "SELECT graphile_worker.add_job('resize', '{}'::json, run_at => now() - interval '5 seconds')",
        "UPDATE graphile_worker._private_jobs SET attempts = attempts + 1, locked_by = 'worker-1', locked_at = now()"
            + " WHERE id = (SELECT min(id) FROM graphile_worker._private_jobs)",
        "UPDATE graphile_worker._private_job_queues SET locked_by = 'worker-1', locked_at = now()"
            + " WHERE queue_name = 'mailer'");

    QueueReading mailer = measure(block(PostgresFormat.GRAPHILE_WORKER, "mailer"));
    QueueReading all = measure(block(PostgresFormat.GRAPHILE_WORKER, null));

    assertThat(mailer.depth()).isEqualTo(2);
    assertThat(mailer.oldestJobAge()).get().satisfies(age -> assertThat(age)
        .isBetween(Duration.ofSeconds(20), Duration.ofSeconds(20).plus(SLACK)));
    assertThat(mailer.runningJobs()).isEqualTo(OptionalInt.of(1));
    assertThat(all.depth()).isEqualTo(4);
    assertThat(all.oldestJobAge()).get().satisfies(age -> assertThat(age)
        .isBetween(Duration.ofSeconds(50), Duration.ofSeconds(50).plus(SLACK)));
    assertThat(all.runningJobs()).isEqualTo(OptionalInt.of(1));
    assertThat(all.processingTime()).isEmpty();
  }

  @Test
  void completionsAreCountedFromFinishTimesSinceThePreviousPoll() throws Exception {
    String utc = "(now() AT TIME ZONE 'UTC')";
    solidQueueJob("counted", utc + " - interval '1 minute'", utc + " - interval '30 seconds'"); // before the first poll
    goodJob("counted", utc + " - interval '1 minute'", utc + " - interval '40 seconds'",
        utc + " - interval '30 seconds'");
    riverJob("counted", "completed", "now() - interval '1 minute'", "now() - interval '40 seconds'",
        "now() - interval '30 seconds'");
    Credentials credentials = Credentials.of(Map.of("passwordFrom", READER_PASSWORD));
    try (QueueScaler solidQueue = backend.create(block(PostgresFormat.SOLID_QUEUE, "counted"), credentials);
        QueueScaler goodJob = backend.create(block(PostgresFormat.GOOD_JOB, "counted"), credentials);
        QueueScaler river = backend.create(block(PostgresFormat.RIVER, "counted"), credentials)) {
      assertThat(solidQueue.measure().completedTotal()).as("nothing counted before the first poll").isEmpty();
      assertThat(goodJob.measure().completedTotal()).isEmpty();
      assertThat(river.measure().completedTotal()).isEmpty();

      for (int i = 0; i < 2; i++) {
        solidQueueJob("counted", utc + " - interval '10 seconds'", utc);
        goodJob("counted", utc + " - interval '10 seconds'", utc + " - interval '1 second'", utc);
        riverJob("counted", i == 0 ? "completed" : "discarded", "now() - interval '10 seconds'",
            "now() - interval '1 second'", "now()");
      }
      riverJob("counted", "running", "now() - interval '10 seconds'", "now() - interval '1 second'", "NULL");

      assertThat(solidQueue.measure().completedTotal()).hasValue(2);
      assertThat(goodJob.measure().completedTotal()).hasValue(2);
      assertThat(river.measure().completedTotal()).hasValue(2);
      assertThat(river.measure().completedTotal()).as("counted once").hasValue(2);
    }
  }

  @Test
  void aQueryReportsTheFiguresItSelects() throws Exception {
    PostgresQueueSpec block = sqlBlock("SELECT 17 AS depth, 12.5 AS oldest_age_seconds, 3 AS running,"
        + " 0.25 AS processing_seconds;");

    QueueReading reading = measure(block);

    assertThat(reading.depth()).isEqualTo(17);
    assertThat(reading.oldestJobAge()).contains(Duration.ofMillis(12_500));
    assertThat(reading.runningJobs()).isEqualTo(OptionalInt.of(3));
    assertThat(reading.processingTime()).contains(Duration.ofMillis(250));
    assertThat(measure(sqlBlock("select 4 as depth")).oldestJobAge()).isEmpty();
  }

  @Test
  void aQueryThatWritesIsRefusedByTheReadOnlyTransaction() throws Exception {
    server.execute(DATABASE, "CREATE TABLE IF NOT EXISTS tenant_jobs (id int)",
        "INSERT INTO tenant_jobs VALUES (1), (2)", "GRANT ALL ON tenant_jobs TO " + READER);

    ScalerException failure = failure(sqlBlock("WITH gone AS (DELETE FROM tenant_jobs RETURNING 1)"
        + " SELECT count(*) AS depth FROM gone"), Credentials.of(Map.of("passwordFrom", READER_PASSWORD)));

    assertThat(failure.kind()).isEqualTo(Kind.PROTOCOL);
    try (Connection admin = server.admin(DATABASE); Statement statement = admin.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*) FROM tenant_jobs")) {
      rows.next();
      assertThat(rows.getLong(1)).isEqualTo(2);
    }
  }

  @Test
  void aQueryWithoutDepthOrTooSlowFails() throws Exception {
    Credentials credentials = Credentials.of(Map.of("passwordFrom", READER_PASSWORD));

    assertThat(failure(sqlBlock("SELECT 1 AS jobs"), credentials).kind()).isEqualTo(Kind.PROTOCOL);
    assertThat(failure(sqlBlock("SELECT 'many' AS depth"), credentials).kind()).isEqualTo(Kind.PROTOCOL);
    long started = System.nanoTime();
    assertThat(failure(sqlBlock("SELECT pg_sleep(30), 1 AS depth"), credentials).kind()).isEqualTo(Kind.TIMEOUT);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT.multipliedBy(3).plus(SLACK));
  }

  @Test
  void missingTablesAreAProtocolError() throws Exception {
    PostgresQueueSpec block = block(PostgresFormat.GOOD_JOB, "mailers");
    block.setDatabase("empty");

    ScalerException failure = failure(block, Credentials.of(Map.of("passwordFrom", READER_PASSWORD)));

    assertThat(failure.kind()).isEqualTo(Kind.PROTOCOL);
    assertThat(failure.getMessage()).contains("the good_job tables or columns are missing");
    assertThat(failure.publicMessage()).doesNotContain("good_jobs").contains("(good_job)");
  }

  @Test
  void aWrongPasswordIsAnAuthenticationFailureThatNamesNoPassword() throws Exception {
    String wrong = "wrong-password-Vx3";

    ScalerException failure = failure(block(PostgresFormat.RIVER, "mailers"),
        Credentials.of(Map.of("passwordFrom", wrong)));

    assertThat(failure.kind()).isEqualTo(Kind.AUTHENTICATION);
    assertNoPassword(failure, wrong);
  }

  @Test
  void aServerThatIsNotListeningIsUnreachable() throws Exception {
    PostgresQueueSpec block = block(PostgresFormat.RIVER, "mailers");
    try (ServerSocket socket = new ServerSocket(0)) {
      block.setPort(socket.getLocalPort()); // closed below: nothing listens there
    }

    ScalerException failure = failure(block, Credentials.of(Map.of("passwordFrom", READER_PASSWORD)));

    assertThat(failure.kind()).isEqualTo(Kind.UNREACHABLE);
    assertNoPassword(failure, READER_PASSWORD);
  }

  @Test
  void somethingElseOnThePortIsAProtocolError() throws Exception {
    try (FakeServer http = new FakeServer("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")) {
      PostgresQueueSpec block = block(PostgresFormat.RIVER, "mailers");
      block.setPort(http.port());

      ScalerException failure = failure(block, Credentials.of(Map.of("passwordFrom", READER_PASSWORD)));

      assertThat(failure.kind()).isEqualTo(Kind.PROTOCOL);
      assertNoPassword(failure, READER_PASSWORD);
    }
  }

  @Test
  void aSilentServerTimesOutWithinThePollDeadline() throws Exception {
    try (FakeServer silent = new FakeServer(null)) {
      PostgresQueueSpec block = block(PostgresFormat.RIVER, "mailers");
      block.setPort(silent.port());

      long started = System.nanoTime();
      ScalerException failure = failure(block, Credentials.of(Map.of("passwordFrom", READER_PASSWORD)));
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertThat(failure.kind()).isEqualTo(Kind.TIMEOUT);
      assertThat(took).isLessThanOrEqualTo(TIMEOUT.multipliedBy(3).plusMillis(500));
      assertNoPassword(failure, READER_PASSWORD);
    }
  }

  @Test
  void anAddressOutsideTheAllowedNetworksIsRefusedWithoutConnecting() throws Exception {
    try (FakeServer listener = new FakeServer(null);
        PostgresBackend guarded = new PostgresBackend(settings(QueueNetworks.of(List.of("10.0.0.0/8"))))) {
      PostgresQueueSpec block = block(PostgresFormat.RIVER, "mailers");
      block.setPort(listener.port());

      ScalerException failure;
      try (QueueScaler scaler = guarded.create(block, Credentials.of(Map.of("passwordFrom", READER_PASSWORD)))) {
        failure = catchThrowableOfType(ScalerException.class, scaler::measure);
      }

      assertThat(failure.kind()).isEqualTo(Kind.ADDRESS_NOT_ALLOWED);
      assertThat(listener.accepted()).as("connections the refused server saw").isZero();
      assertNoPassword(failure, READER_PASSWORD);
    }
  }

  @Test
  void poolsOfTheSameServerAndCredentialShareOneConnectionPool() throws Exception {
    try (PostgresBackend own = new PostgresBackend(settings(QueueNetworks.anywhere()))) {
      Credentials credentials = Credentials.of(Map.of("passwordFrom", READER_PASSWORD));
      QueueScaler river = own.create(block(PostgresFormat.RIVER, "mailers"), credentials);
      QueueScaler que = own.create(block(PostgresFormat.QUE, "mailers"), credentials);
      QueueScaler other = own.create(block(PostgresFormat.QUE, "mailers"), Credentials.of(Map.of("passwordFrom", "x")));

      assertThat(own.openPools()).isEqualTo(2);
      river.close();
      que.close();
      assertThat(own.openPools()).isEqualTo(1);
      other.close();
      assertThat(own.openPools()).isZero();
    }
  }

  private static void assertNoPassword(ScalerException failure, String password) {
    assertThat(failure.publicMessage()).doesNotContain(password);
    assertThat(failure.getMessage()).doesNotContain(password);
    for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
      assertThat(String.valueOf(cause.getMessage())).doesNotContain(password);
    }
  }

  private static QueueReading measure(PostgresQueueSpec block) throws ScalerException {
    try (QueueScaler scaler = backend.create(block, Credentials.of(Map.of("passwordFrom", READER_PASSWORD)))) {
      return scaler.measure();
    }
  }

  private static ScalerException failure(PostgresQueueSpec block, Credentials credentials) {
    try (QueueScaler scaler = backend.create(block, credentials)) {
      ScalerException failure = catchThrowableOfType(ScalerException.class, scaler::measure);
      assertThat(failure).as("the measure's failure").isNotNull();
      return failure;
    }
  }

  static BackendSettings settings(QueueNetworks networks) {
    return new BackendSettings(TIMEOUT, 2, networks, Clock.systemUTC());
  }

  static PostgresQueueSpec block(PostgresFormat format, String queue) {
    PostgresQueueSpec block = new PostgresQueueSpec("127.0.0.1", DATABASE, READER, format, queue);
    block.setPort(server.port());
    block.setSslMode(PostgresSslMode.DISABLE);
    block.setPasswordFrom(new SecretKeyReference("queue-db", "password"));
    return block;
  }

  private static PostgresQueueSpec sqlBlock(String query) {
    PostgresQueueSpec block = block(PostgresFormat.SQL, null);
    block.setQuery(query);
    return block;
  }

  private static long solidQueueJob(String queue, String scheduledAt, String finishedAt) throws Exception {
    return insert("INSERT INTO solid_queue_jobs (queue_name, class_name, arguments, priority, active_job_id,"
        + " scheduled_at, finished_at, created_at, updated_at) VALUES ('" + queue + "', 'WelcomeMailerJob',"
        + " '{\"arguments\":[]}', 0, gen_random_uuid()::text, " + scheduledAt + ", " + finishedAt + ", "
        + scheduledAt + ", " + scheduledAt + ") RETURNING id");
  }

  private static void goodJob(String queue, String scheduledAt, String performedAt, String finishedAt)
      throws Exception {
    server.execute(DATABASE, "INSERT INTO good_jobs (id, active_job_id, queue_name, priority, serialized_params,"
        + " scheduled_at, performed_at, finished_at, created_at, updated_at, job_class, executions_count, is_discrete)"
        + " VALUES (gen_random_uuid(), gen_random_uuid(), '" + queue + "', 0, '{}', " + scheduledAt + ", "
        + performedAt + ", " + finishedAt + ", " + scheduledAt + ", " + scheduledAt
        + ", 'WelcomeMailerJob', 0, true)");
  }

  private static long queJob(String queue, String runAt, String endColumn) throws Exception {
    return insert("INSERT INTO que_jobs (job_class, args, kwargs, queue, priority, run_at, job_schema_version"
        + (endColumn == null ? "" : ", " + endColumn) + ") VALUES ('SendEmail', '[]', '{}', '" + queue + "', 100, "
        + runAt + ", 2" + (endColumn == null ? "" : ", now() - interval '1 minute'") + ") RETURNING id");
  }

  private static void riverJob(String queue, String state, String scheduledAt, String attemptedAt, String finalizedAt)
      throws Exception {
    server.execute(DATABASE, "INSERT INTO river_job (args, kind, max_attempts, queue, state, scheduled_at,"
        + " attempt, attempted_at, finalized_at, priority) VALUES ('{}', 'email', 25, '" + queue + "', '" + state
        + "', " + scheduledAt + ", " + ("NULL".equals(attemptedAt) ? 0 : 1) + ", " + attemptedAt + ", " + finalizedAt
        + ", 1)");
  }

  private static long insert(String sql) throws Exception {
    try (Connection connection = server.admin(DATABASE); Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(sql)) {
      row.next();
      return row.getLong(1);
    }
  }

  /** A TCP server that is not PostgreSQL: it answers {@code reply} (or nothing) to whatever it is sent. */
  static final class FakeServer implements AutoCloseable {
    private final ServerSocket socket;
    private final AtomicInteger accepted = new AtomicInteger();
    private final List<Socket> clients = new java.util.concurrent.CopyOnWriteArrayList<>();

    FakeServer(String reply) throws IOException {
      this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread thread = new Thread(() -> {
        while (!socket.isClosed()) {
          try {
            Socket client = socket.accept();
            accepted.incrementAndGet();
            clients.add(client);
            if (reply != null) {
              client.getInputStream().read(new byte[8]);
              OutputStream out = client.getOutputStream();
              out.write(reply.getBytes(StandardCharsets.US_ASCII));
              out.flush();
              client.close();
            }
          } catch (IOException e) {
            return;
          }
        }
      }, "fake-server");
      thread.setDaemon(true);
      thread.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    int accepted() {
      return accepted.get();
    }

    @Override
    public void close() throws IOException {
      socket.close();
      for (Socket client : clients) {
        client.close();
      }
    }
  }
}
