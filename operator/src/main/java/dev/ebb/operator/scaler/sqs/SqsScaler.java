package dev.ebb.operator.scaler.sqs;

import dev.ebb.operator.network.QueueNetworks;
import dev.ebb.operator.scaler.QueueReading;
import dev.ebb.operator.scaler.QueueScaler;
import dev.ebb.operator.scaler.ScalerException;
import dev.ebb.operator.scaler.ScalerException.Kind;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;

/**
 * Reads an SQS queue with one {@code GetQueueAttributes} call: its visible messages are the depth and its in-flight
 * messages (received, not yet deleted) the running jobs. Delayed messages are read and left out of the depth: they
 * cannot be received yet. SQS gives this call no message age and no count of messages ever sent or deleted, so the
 * reading has no counters and no processing time, and an oldest age only for a backlog nobody has touched since the
 * queue was last seen empty ({@link UntouchedBacklog}; docs/formats.md, "Amazon SQS").
 */
final class SqsScaler implements QueueScaler {

  private final SqsClients.Lease lease;
  private final String queueUrl;
  private final String server;
  private final String host;
  private final QueueNetworks networks;
  private final Duration timeout;
  private final Clock clock;
  private final GetQueueAttributesRequest request;
  private final UntouchedBacklog backlog = new UntouchedBacklog();

  /**
   * @param server the queue as messages name it (its URL, and the endpoint when there is one)
   * @param host the host the client sends to, held against {@code networks} before every call
   */
  SqsScaler(SqsClients.Lease lease, String queueUrl, String server, String host, QueueNetworks networks,
      Duration timeout, Clock clock) {
    this.lease = lease;
    this.queueUrl = queueUrl;
    this.server = server;
    this.host = host;
    this.networks = networks;
    this.timeout = timeout;
    this.clock = clock;
    this.request = GetQueueAttributesRequest.builder().queueUrl(queueUrl)
        .attributeNamesWithStrings(SqsAttributes.NAMES).build();
  }

  @Override
  public QueueReading measure() throws ScalerException {
    SqsAttributes attributes = read();
    Instant at = clock.instant();
    Optional<Duration> oldest = backlog.observe(attributes.visible(), attributes.inFlight(), at);
    return new QueueReading(attributes.visible(), oldest, OptionalLong.empty(), OptionalLong.empty(),
        List.of(), OptionalInt.of((int) Math.min(Integer.MAX_VALUE, attributes.inFlight())), Optional.empty(),
        QueueReading.Heartbeats.NOT_KEPT, at);
  }

  /** The queue's three counts, as SQS answered them. */
  SqsAttributes read() throws ScalerException {
    refuseOutsideNetworks();
    try {
      if (!lease.calls().tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        throw SqsFailures.failure(Kind.TIMEOUT, server, "every connection to the server stayed busy", null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw SqsFailures.failure(Kind.TIMEOUT, server, "interrupted while waiting for a connection", e);
    }
    try {
      return SqsAttributes.from(lease.client().getQueueAttributes(request).attributesAsStrings());
    } catch (SdkException e) {
      throw SqsFailures.classify(e, server);
    } catch (SqsAttributes.Malformed e) {
      throw SqsFailures.failure(Kind.PROTOCOL, server, e.getMessage(), e);
    } finally {
      lease.calls().release();
    }
  }

  /**
   * Resolves the host and refuses it when any address is outside the allowed networks, before a byte is sent. The
   * client resolves the name again through the JVM's address cache, which holds this answer for 30 s.
   */
  private void refuseOutsideNetworks() throws ScalerException {
    if (networks.checksNothing()) {
      return;
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      throw SqsFailures.failure(Kind.UNREACHABLE, server, "cannot resolve " + host, e);
    }
    List<InetAddress> outside = networks.outside(addresses);
    if (!outside.isEmpty()) {
      throw SqsFailures.failure(Kind.ADDRESS_NOT_ALLOWED, server, host + " resolves to "
          + outside.stream().map(InetAddress::getHostAddress).toList() + ", outside " + QueueNetworks.SETTING, null);
    }
  }

  String queueUrl() {
    return queueUrl;
  }

  @Override
  public void close() {
    lease.close();
  }
}
