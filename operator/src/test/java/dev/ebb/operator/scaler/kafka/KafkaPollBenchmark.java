package dev.ebb.operator.scaler.kafka;

import dev.ebb.operator.network.QueueNetworks;
import dev.ebb.operator.scaler.BackendSettings;
import dev.ebb.operator.scaler.Credentials;
import dev.ebb.operator.scaler.QueueScaler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * How many polls per second one {@code measure()} loop sustains against a real broker (bench/kafka-poll.sh): a topic
 * of {@code --partitions} partitions with a backlog in each (so every poll also reads the first unconsumed record of
 * each), and the same topic drained (lag 0: the Admin calls only). One thread, loopback, the broker in its own JVM on
 * the same machine. Prints figures; asserts nothing.
 */
public final class KafkaPollBenchmark {

  private KafkaPollBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int partitions = Integer.parseInt(option(args, "--partitions", "8"));
    Duration run = Duration.ofSeconds(Long.parseLong(option(args, "--seconds", "10")));
    try (KafkaBroker broker = KafkaBroker.start()) {
      KafkaScalerIT.useBroker(broker);
      KafkaScalerIT.createTopic("bench", partitions);
      Instant[] records = new Instant[200];
      Arrays.fill(records, Instant.now());
      Map<TopicPartition, Long> committed = new HashMap<>();
      for (int p = 0; p < partitions; p++) {
        KafkaScalerIT.produce("bench", p, records);
        committed.put(new TopicPartition("bench", p), 50L);
      }
      KafkaScalerIT.commit("bench-workers", committed);
      BackendSettings settings = new BackendSettings(Duration.ofSeconds(2), 2, QueueNetworks.anywhere(),
          Clock.systemUTC());
      try (KafkaBackend backend = new KafkaBackend(settings);
          QueueScaler lagging = backend.create(KafkaScalerIT.spec("bench", "bench-workers"), Credentials.none());
          QueueScaler idle = backend.create(KafkaScalerIT.spec("bench", "idle-workers"), Credentials.none())) {
        report("lagging (" + partitions + " partitions, 150 waiting in each)", lagging, run);
        report("no lag (" + partitions + " partitions)", idle, run);
      }
    }
    KafkaScalerIT.useBroker(null);
  }

  private static void report(String name, QueueScaler scaler, Duration run) throws Exception {
    for (int i = 0; i < 50; i++) {
      scaler.measure(); // warm up: connections, metadata, JIT
    }
    long depth = scaler.measure().depth();
    long polls = 0;
    long start = System.nanoTime();
    long end = start + run.toNanos();
    while (System.nanoTime() < end) {
      scaler.measure();
      polls++;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("[bench] kafka %s: depth %d, %d polls in %.1f s = %.0f polls/s (%.2f ms per poll)%n", name,
        depth, polls, seconds, polls / seconds, seconds * 1000 / polls);
  }

  private static String option(String[] args, String name, String fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }
}
