package dev.ebb.operator.scaler.kafka;

import dev.ebb.api.v1alpha1.KafkaOffsetReset;
import dev.ebb.api.v1alpha1.KafkaQueueSpec;
import dev.ebb.operator.scaler.BackendSettings;
import dev.ebb.operator.scaler.QueueReading;
import dev.ebb.operator.scaler.QueueScaler;
import dev.ebb.operator.scaler.ScalerException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.AuthorizationException;

/**
 * A Kafka topic read by one consumer group, as a queue: depth is the group's lag summed over the partitions (log end
 * minus committed offset), the oldest age is how old the first unconsumed record is ({@link FirstRecords}), the
 * counters are the log ends (enqueued) and the group's positions (completed), and the partition count caps the
 * replicas that can work at once. Kafka does not say which records are in flight, so running jobs and processing
 * time stay unknown.
 *
 * <p>One poll is, within {@link BackendSettings#pollDeadline()}: describeTopics, then listOffsets (earliest and
 * latest) and listConsumerGroupOffsets at once, then, when a partition lags, one bounded fetch round per broker.
 */
final class KafkaLagScaler implements QueueScaler {

  /** Kept from the reads for the probe that classifies a failed poll (a refused connection answers at once). */
  private static final Duration PROBE_RESERVE = Duration.ofSeconds(1);

  private final KafkaQueueSpec block;
  private final BackendSettings settings;
  private final SharedClients clients;
  private final Runnable release;
  private final String display;

  KafkaLagScaler(KafkaQueueSpec block, BackendSettings settings, SharedClients clients, Runnable release,
      String display) {
    this.block = block;
    this.settings = settings;
    this.clients = clients;
    this.release = release;
    this.display = display;
  }

  @Override
  public QueueReading measure() throws ScalerException {
    long deadline = System.nanoTime() + settings.pollDeadline().toNanos();
    // the reads stop short of the deadline by what a probe of a failed poll may take
    long readDeadline = deadline - Math.min(settings.timeout().toNanos(), PROBE_RESERVE.toNanos());
    String server = block.getBootstrapServers();
    List<InetSocketAddress> addresses = KafkaServers.resolve(server, settings.networks(), display);
    boolean tls = KafkaClientConfig.tls(block);
    if (!clients.made()) {
      // before Kafka's client first connects: it would retry a wrong server until its timeout, and trust any size
      KafkaProbe.Verdict verdict = KafkaProbe.probe(addresses, settings.timeout(), tls, deadline);
      if (verdict != KafkaProbe.Verdict.ANSWERS) {
        throw KafkaFailures.probed(display, server, addresses, settings.timeout(), tls, deadline, "before connecting",
            null);
      }
    }
    try {
      return read(clients.admin(), readDeadline);
    } catch (ScalerException e) {
      throw e;
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      ScalerException failure = KafkaFailures.of(e, display, server, addresses, settings.timeout(), tls, deadline);
      if (KafkaFailures.concernsTheConnection(e)) {
        clients.resetNow();
      }
      throw failure;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ScalerException(ScalerException.Kind.TIMEOUT, display, server, "interrupted", e);
    }
  }

  private QueueReading read(Admin admin, long deadline)
      throws ExecutionException, TimeoutException, InterruptedException, ScalerException {
    String topic = block.getTopic();
    TopicDescription description = get(admin.describeTopics(List.of(topic)).topicNameValues().get(topic), deadline);
    for (TopicPartitionInfo info : description.partitions()) {
      Node leader = info.leader();
      if (leader != null && !leader.isEmpty()) {
        KafkaServers.checkAdvertised(leader.host(), settings.networks(), display, block.getBootstrapServers());
      }
    }
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
    for (TopicPartitionInfo info : description.partitions()) {
      latest.put(new TopicPartition(topic, info.partition()), OffsetSpec.latest());
      earliest.put(new TopicPartition(topic, info.partition()), OffsetSpec.earliest());
    }
    KafkaFuture<Map<TopicPartition, ListOffsetsResultInfo>> ends = admin.listOffsets(latest).all();
    KafkaFuture<Map<TopicPartition, ListOffsetsResultInfo>> starts = admin.listOffsets(earliest).all();
    KafkaFuture<Map<TopicPartition, OffsetAndMetadata>> commits = admin.listConsumerGroupOffsets(
        Map.of(block.getConsumerGroup(), new ListConsumerGroupOffsetsSpec().topicPartitions(latest.keySet())))
        .partitionsToOffsetAndMetadata(block.getConsumerGroup());
    Map<TopicPartition, ListOffsetsResultInfo> logEnds = get(ends, deadline);
    Map<TopicPartition, ListOffsetsResultInfo> logStarts = get(starts, deadline);
    Map<TopicPartition, OffsetAndMetadata> committed = get(commits, deadline);

    KafkaOffsetReset reset = block.getOffsetReset() == null ? KafkaOffsetReset.LATEST : block.getOffsetReset();
    List<PartitionOffsets> partitions = new ArrayList<>();
    for (TopicPartition partition : latest.keySet()) {
      OffsetAndMetadata commit = committed.get(partition);
      partitions.add(new PartitionOffsets(partition.partition(), logStarts.get(partition).offset(),
          logEnds.get(partition).offset(), commit == null ? OptionalLong.empty() : OptionalLong.of(commit.offset())));
    }
    TopicLag lag = TopicLag.of(partitions, reset);
    Optional<Duration> oldest = Optional.empty();
    if (lag.depth() > 0) {
      Map<TopicPartition, Long> positions = new HashMap<>();
      Map<TopicPartition, Long> partitionEnds = new HashMap<>();
      for (PartitionOffsets p : lag.lagging()) {
        positions.put(new TopicPartition(topic, p.partition()), p.position(reset));
        partitionEnds.put(new TopicPartition(topic, p.partition()), p.logEnd());
      }
      OptionalLong timestamp;
      try {
        timestamp = clients.withConsumer(consumer ->
            FirstRecords.oldestTimestamp(consumer, positions, partitionEnds, deadline));
      } catch (AuthorizationException noReadAcl) {
        timestamp = OptionalLong.empty(); // Describe without Read: the lag still counts, the age is unknown
      }
      if (timestamp.isPresent()) {
        Duration age = Duration.between(Instant.ofEpochMilli(timestamp.getAsLong()), settings.clock().instant());
        oldest = Optional.of(age.isNegative() ? Duration.ZERO : age);
      }
    }
    return new QueueReading(lag.depth(), oldest, OptionalLong.of(lag.enqueuedTotal()),
        OptionalLong.of(lag.completedTotal()), List.of(), OptionalInt.empty(), Optional.empty(),
        QueueReading.Heartbeats.NOT_KEPT, settings.clock().instant(), OptionalInt.of(partitions.size()));
  }

  private static <T> T get(KafkaFuture<T> future, long deadline)
      throws ExecutionException, TimeoutException, InterruptedException {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      future.cancel(true);
      throw new TimeoutException("the poll deadline passed");
    }
    return future.get(left, TimeUnit.NANOSECONDS);
  }

  @Override
  public void close() {
    release.run();
  }
}
