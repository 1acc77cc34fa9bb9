package dev.ebb.operator.scaler.postgres;

import dev.ebb.api.v1alpha1.PostgresQueueSpec;
import dev.ebb.api.v1alpha1.SecretKeyReference;
import dev.ebb.operator.scaler.BackendSettings;
import dev.ebb.operator.scaler.Credentials;
import dev.ebb.operator.scaler.QueueBackend;
import dev.ebb.operator.scaler.QueueScaler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * PostgreSQL job tables ({@code spec.queue.postgres}): one connection pool per server, database and credential
 * ({@link PostgresConnections}), one scaler class per format, every poll a read-only transaction bounded by the
 * operator's timeout ({@link PostgresReader}).
 */
public final class PostgresBackend implements QueueBackend<PostgresQueueSpec> {

  private final BackendSettings settings;
  private final String networksId;
  private final ScheduledExecutorService scheduler;
  private final PostgresConnections connections;

  public PostgresBackend(BackendSettings settings) {
    this.settings = settings;
    this.networksId = NetworkGuardedSocketFactory.register(settings.networks());
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
      Thread thread = Executors.defaultThreadFactory().newThread(runnable);
      thread.setName("ebb-postgres-deadlines");
      thread.setDaemon(true);
      return thread;
    });
    executor.setRemoveOnCancelPolicy(true); // a poll that ends in time leaves no task behind
    this.scheduler = executor;
    this.connections = new PostgresConnections(settings, networksId, scheduler);
  }

  @Override
  public String displayName() {
    return "PostgreSQL";
  }

  @Override
  public List<String> hosts(PostgresQueueSpec block) {
    return List.of(block.getHost());
  }

  @Override
  public Map<String, SecretKeyReference> secretReferences(PostgresQueueSpec block) {
    Map<String, SecretKeyReference> references = new LinkedHashMap<>();
    if (block.getUserFrom() != null) {
      references.put("userFrom", block.getUserFrom());
    }
    if (block.getPasswordFrom() != null) {
      references.put("passwordFrom", block.getPasswordFrom());
    }
    if (block.getCaFrom() != null) {
      references.put("caFrom", block.getCaFrom());
    }
    return references;
  }

  @Override
  public String format(PostgresQueueSpec block) {
    return block.getFormat().value();
  }

  @Override
  public String describe(PostgresQueueSpec block) {
    String target = switch (block.getFormat()) {
      case SQL -> "a query";
      case GRAPHILE_WORKER -> block.getQueue() == null ? "every job" : "queue " + block.getQueue();
      default -> "queue " + block.getQueue();
    };
    return "postgres " + block.getHost() + ":" + block.getPort() + "/" + block.getDatabase() + " "
        + block.getFormat().value() + " " + target;
  }

  @Override
  public QueueScaler create(PostgresQueueSpec block, Credentials credentials) {
    PostgresServer server = PostgresServer.of(block, credentials);
    String format = block.getFormat().value();
    PostgresReader reader = new PostgresReader(connections.acquire(server, credentials.fingerprint()), server, format,
        settings, scheduler);
    String schema = Optional.ofNullable(block.getSchema()).orElse("public");
    return switch (block.getFormat()) {
      case SOLID_QUEUE -> new SolidQueueScaler(reader, schema, block.getQueue(), settings.clock());
      case GOOD_JOB -> new GoodJobScaler(reader, schema, block.getQueue(), settings.clock());
      case QUE -> new QueScaler(reader, schema, block.getQueue(), settings.clock());
      case RIVER -> new RiverScaler(reader, schema, block.getQueue(), settings.clock());
      case GRAPHILE_WORKER -> new GraphileWorkerScaler(reader,
          Optional.ofNullable(block.getSchema()).orElse(GraphileWorkerScaler.DEFAULT_SCHEMA),
          Optional.ofNullable(block.getQueue()), settings.clock());
      case SQL -> new SqlQueryScaler(reader, block.getQuery(), settings.clock());
    };
  }

  /** Pools open now, one per server, database and credential in use. */
  int openPools() {
    return connections.openPools();
  }

  @Override
  public void close() {
    connections.close();
    scheduler.shutdownNow();
    NetworkGuardedSocketFactory.unregister(networksId);
  }
}
