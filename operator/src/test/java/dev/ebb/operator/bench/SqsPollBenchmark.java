package dev.ebb.operator.bench;

import dev.ebb.api.v1alpha1.SecretKeyReference;
import dev.ebb.api.v1alpha1.SqsQueueSpec;
import dev.ebb.operator.network.QueueNetworks;
import dev.ebb.operator.scaler.BackendSettings;
import dev.ebb.operator.scaler.Credentials;
import dev.ebb.operator.scaler.QueueReading;
import dev.ebb.operator.scaler.QueueScaler;
import dev.ebb.operator.scaler.sqs.SqsBackend;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Polls per second the SQS scaler sustains against a real SQS-compatible server: ElasticMQ on loopback, in this JVM
 * (so the server's work shares the machine's cores with the poller's), a queue of 1,000 messages with 100 in flight.
 * Each thread runs {@code measure()} back to back through the backend's one shared client (1 thread: one pool's
 * loop; more: pools sharing the client, up to its {@code connectionsPerServer}). Bounded: a 3 s warm-up, then
 * {@code --seconds} per thread count. Not a test. Run with bench/sqs-poll.sh.
 *
 * <p>Arguments: {@code [--seconds 10] [--threads 1,4]}.
 */
public final class SqsPollBenchmark {

  private SqsPollBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int seconds = 10;
    int[] threads = {1, 4};
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
        case "--threads" -> threads = Arrays.stream(args[i + 1].split(",")).mapToInt(Integer::parseInt).toArray();
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort()
        .withAWSRegion("elasticmq").start();
    String endpoint = "http://127.0.0.1:" + server.waitUntilStarted().localAddress().getPort();
    try (SqsClient writer = SqsClient.builder().endpointOverride(URI.create(endpoint)).region(Region.of("elasticmq"))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("w", "w")))
        .httpClient(UrlConnectionHttpClient.create()).build()) {
      String url = fill(writer);
      int most = Arrays.stream(threads).max().orElse(1);
      BackendSettings settings = new BackendSettings(Duration.ofSeconds(2), most, QueueNetworks.anywhere(),
          Clock.systemUTC());
      SqsQueueSpec block = new SqsQueueSpec(url, "elasticmq");
      block.setEndpoint(endpoint);
      block.setAccessKeyIdFrom(new SecretKeyReference("sqs", "id"));
      block.setSecretAccessKeyFrom(new SecretKeyReference("sqs", "secret"));
      Credentials key = Credentials.of(Map.of("accessKeyIdFrom", "AKIABENCH", "secretAccessKeyFrom", "bench"));
      try (SqsBackend backend = new SqsBackend(settings)) {
        List<QueueScaler> scalers = IntStream.range(0, most).mapToObj(i -> backend.create(block, key)).toList();
        QueueReading first = scalers.get(0).measure();
        System.out.printf(Locale.ROOT, "[bench] ElasticMQ at %s, queue depth %d, in flight %d; %d cores%n", endpoint,
            first.depth(), first.runningJobs().orElse(-1), Runtime.getRuntime().availableProcessors());
        run(scalers.subList(0, 1), Duration.ofSeconds(3), false);
        for (int count : threads) {
          run(scalers.subList(0, count), Duration.ofSeconds(seconds), true);
        }
        scalers.forEach(QueueScaler::close);
      }
    } finally {
      server.stopAndWait();
    }
  }

  private static String fill(SqsClient writer) {
    String url = writer.createQueue(b -> b.queueName("bench")
        .attributesWithStrings(Map.of("VisibilityTimeout", "3600"))).queueUrl();
    for (int batch = 0; batch < 100; batch++) {
      int first = batch * 10;
      writer.sendMessageBatch(b -> b.queueUrl(url).entries(IntStream.range(first, first + 10)
          .mapToObj(i -> SendMessageBatchRequestEntry.builder().id("m" + i).messageBody("job " + i).build())
          .toList()));
    }
    for (int taken = 0; taken < 100; ) {
      taken += writer.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages().size();
    }
    return url;
  }

  private static void run(List<QueueScaler> scalers, Duration length, boolean print) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(scalers.size());
    long end = System.nanoTime() + length.toNanos();
    List<Future<long[]>> results = new ArrayList<>();
    for (QueueScaler scaler : scalers) {
      results.add(pool.submit(() -> {
        long[] latencies = new long[1 << 20];
        int n = 0;
        while (System.nanoTime() < end && n < latencies.length) {
          long start = System.nanoTime();
          scaler.measure();
          latencies[n++] = System.nanoTime() - start;
        }
        return Arrays.copyOf(latencies, n);
      }));
    }
    long[] all = new long[0];
    for (Future<long[]> result : results) {
      long[] part = result.get();
      long[] merged = Arrays.copyOf(all, all.length + part.length);
      System.arraycopy(part, 0, merged, all.length, part.length);
      all = merged;
    }
    pool.shutdown();
    if (print) {
      Arrays.sort(all);
      System.out.printf(Locale.ROOT, "threads %d: %d polls in %d s = %.0f polls/s; latency p50 %.2f ms, p99 %.2f ms,"
          + " max %.2f ms%n", scalers.size(), all.length, length.toSeconds(), all.length / (double) length.toSeconds(),
          all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)] / 1e6, all[all.length - 1] / 1e6);
    }
  }
}
