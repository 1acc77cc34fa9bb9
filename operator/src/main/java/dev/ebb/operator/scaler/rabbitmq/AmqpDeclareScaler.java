package dev.ebb.operator.scaler.rabbitmq;

import dev.ebb.operator.scaler.QueueReading;
import dev.ebb.operator.scaler.QueueScaler;
import dev.ebb.operator.scaler.ScalerException;
import java.time.Clock;
import java.util.Optional;

/**
 * A RabbitMQ queue read over AMQP, for brokers without the management plugin: a passive {@code queue.declare} gives
 * the ready messages (depth) and the consumers, nothing else. Running jobs, rates, the oldest age and the processing
 * time stay unknown, so the pool is sized on depth ({@code jobsPerReplica}).
 */
final class AmqpDeclareScaler implements QueueScaler {

  private final SharedClients.Lease<AmqpClient> lease;
  private final String queue;
  private final Clock clock;

  AmqpDeclareScaler(SharedClients.Lease<AmqpClient> lease, String queue, Clock clock) {
    this.lease = lease;
    this.queue = queue;
    this.clock = clock;
  }

  @Override
  public QueueReading measure() throws ScalerException {
    long ready = lease.client().declarePassive(queue).getMessageCount();
    return QueueReading.depthOnly(ready, Optional.empty(), clock.instant());
  }

  @Override
  public void close() {
    lease.close();
  }
}
