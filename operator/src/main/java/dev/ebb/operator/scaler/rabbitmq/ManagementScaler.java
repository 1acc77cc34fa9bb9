package dev.ebb.operator.scaler.rabbitmq;

import dev.ebb.operator.scaler.QueueReading;
import dev.ebb.operator.scaler.QueueScaler;
import dev.ebb.operator.scaler.ScalerException;
import java.time.Clock;

/**
 * A RabbitMQ queue read through the management API: ready messages (depth), unacknowledged ones (running), the
 * publish and completion counters (rates, and the processing time by Little's law), the head message's timestamp
 * (oldest age). One GET per poll.
 */
final class ManagementScaler implements QueueScaler {

  private final SharedClients.Lease<ManagementClient> lease;
  private final String vhost;
  private final String queue;
  private final Clock clock;

  ManagementScaler(SharedClients.Lease<ManagementClient> lease, String vhost, String queue, Clock clock) {
    this.lease = lease;
    this.vhost = vhost;
    this.queue = queue;
    this.clock = clock;
  }

  @Override
  public QueueReading measure() throws ScalerException {
    return lease.client().queue(vhost, queue).reading(clock.instant());
  }

  @Override
  public void close() {
    lease.close();
  }
}
