package dev.ebb.operator.scaler.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.ebb.api.v1alpha1.RabbitMqQueueSpec;
import dev.ebb.api.v1alpha1.SecretKeyReference;
import dev.ebb.operator.network.QueueNetworks;
import dev.ebb.operator.scaler.BackendSettings;
import dev.ebb.operator.scaler.Credentials;
import dev.ebb.operator.scaler.QueueScaler;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * How many polls per second the RabbitMQ scalers sustain against a real node: a private rabbitmq-server (the tests'
 * {@link RabbitMqProcess}), one queue of 1,000 messages, then {@code measure()} in a loop for each path (management
 * API, AMQP passive declare) on 1 and 4 threads (4 pools on one server and user, sharing one client). Not a test: run
 * by bench/rabbitmq-poll.sh, which prints the figures.
 */
public final class RabbitMqPollBenchmark {

  private static final String QUEUE = "bench";

  private RabbitMqPollBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    Duration run = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 10);
    try (RabbitMqProcess rabbit = RabbitMqProcess.start()) {
      fill(rabbit);
      System.out.printf("[bench] rabbitmq-server %s, queue of 1000 messages, %s per run after a 2 s warm-up%n",
          rabbit.admin("GET", "/api/overview?columns=rabbitmq_version", null), run);
      for (boolean management : List.of(true, false)) {
        for (int threads : List.of(1, 4)) {
          measure(rabbit, management, threads, Duration.ofSeconds(2));
          Result result = measure(rabbit, management, threads, run);
          System.out.printf("[bench] %-28s %d thread(s): %7.0f polls/s, p50 %.2f ms, p99 %.2f ms (%d polls)%n",
              management ? "management API (GET queue)" : "AMQP (passive queue.declare)", threads,
              result.polls() / (run.toNanos() / 1e9), result.percentile(0.50), result.percentile(0.99), result.polls());
        }
      }
    }
  }

  private static void fill(RabbitMqProcess rabbit) throws Exception {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost("127.0.0.1");
    factory.setPort(rabbit.amqpPort());
    try (Connection connection = factory.newConnection("bench"); Channel channel = connection.createChannel()) {
      channel.queueDeclare(QUEUE, true, false, false, null);
      channel.confirmSelect();
      for (int i = 0; i < 1_000; i++) {
        channel.basicPublish("", QUEUE, new AMQP.BasicProperties.Builder().timestamp(Date.from(Instant.now()))
            .build(), "job".getBytes(StandardCharsets.UTF_8));
      }
      channel.waitForConfirmsOrDie(10_000);
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!rabbit.admin("GET", "/api/queues/%2F/" + QUEUE + "?columns=messages_ready", null)
        .contains("\"messages_ready\":1000")) { // the management API's first figures for the queue
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the management API shows no figures for the queue after 60 s");
      }
      Thread.sleep(200);
    }
  }

  private static Result measure(RabbitMqProcess rabbit, boolean management, int threads, Duration run)
      throws Exception {
    RabbitMqQueueSpec block = new RabbitMqQueueSpec();
    if (management) {
      block.setManagementAddress(rabbit.managementAddress());
    } else {
      block.setAmqpAddress(rabbit.amqpAddress());
    }
    block.setQueue(QUEUE);
    block.setUsername(RabbitMqProcess.USER);
    block.setPasswordFrom(new SecretKeyReference("rabbitmq", "password"));
    Credentials credentials = Credentials.of(Map.of(RabbitMqBackend.PASSWORD_FROM, RabbitMqProcess.PASSWORD));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (RabbitMqBackend backend = new RabbitMqBackend(new BackendSettings(Duration.ofSeconds(2), threads,
        QueueNetworks.anywhere(), Clock.systemUTC()))) {
      long end = System.nanoTime() + run.toNanos();
      List<Future<long[]>> runs = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        runs.add(pool.submit(() -> {
          long[] latencies = new long[1 << 20];
          int polls = 0;
          try (QueueScaler scaler = backend.create(block, credentials)) {
            while (System.nanoTime() < end && polls < latencies.length) {
              long start = System.nanoTime();
              scaler.measure();
              latencies[polls++] = System.nanoTime() - start;
            }
          }
          return Arrays.copyOf(latencies, polls);
        }));
      }
      List<long[]> all = new ArrayList<>();
      for (Future<long[]> future : runs) {
        all.add(future.get());
      }
      return new Result(all.stream().flatMapToLong(Arrays::stream).sorted().toArray());
    } finally {
      pool.shutdownNow();
    }
  }

  private record Result(long[] sortedNanos) {
    int polls() {
      return sortedNanos.length;
    }

    double percentile(double p) {
      return sortedNanos.length == 0 ? 0
          : sortedNanos[(int) Math.min(sortedNanos.length - 1, Math.floor(p * sortedNanos.length))] / 1e6;
    }
  }
}
