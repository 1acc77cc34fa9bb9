package dev.ebb.operator.scaler.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.ebb.api.v1alpha1.RabbitMqQueueSpec;
import dev.ebb.api.v1alpha1.SecretKeyReference;
import dev.ebb.operator.autoscale.QueueSignals;
import dev.ebb.operator.network.QueueNetworks;
import dev.ebb.operator.scaler.BackendSettings;
import dev.ebb.operator.scaler.Credentials;
import dev.ebb.operator.scaler.QueueReading;
import dev.ebb.operator.scaler.QueueScaler;
import dev.ebb.operator.scaler.ScalerException;
import dev.ebb.operator.scaling.ProcessingTimeSource;
import dev.ebb.operator.scaling.QueueObservation;
import dev.ebb.operator.scaling.ScalingDecision;
import dev.ebb.operator.scaling.ScalingPolicy;
import dev.ebb.operator.scaling.ScalingReason;
import dev.ebb.operator.scaling.ScalingSettings;
import dev.ebb.operator.scaling.ScalingState;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A burst on a real RabbitMQ queue scales a pool up and the drained queue scales it back down, through the decision
 * path the operator runs on every poll: the RabbitMQ scaler's reading, {@link QueueSignals} (rates, and Little's law
 * for the processing time) and the {@link ScalingPolicy}. The replicas are the policy's: the operator's registry
 * takes the RabbitMQ backend when the lead wires it, and its loop on the mock API server is the Redis
 * AutoscalingIT's.
 */
class RabbitMqAutoscalingIT {

  private static final String QUEUE = "invoices";
  private static final Duration STALE_AFTER = Duration.ofSeconds(60);
  private static final Duration JOB = Duration.ofMillis(10);
  private static final int CONSUMERS = 10;
  /**
   * The management API's counters move in steps (each node's statistics are gathered every
   * collect_statistics_interval): rates over a few seconds, as the operator takes them over its last minute.
   */
  private static final Duration RATE_WINDOW = Duration.ofSeconds(5);
  private static RabbitMqProcess rabbit;

  @BeforeAll
  static void start() throws Exception {
    rabbit = RabbitMqProcess.start();
  }

  @AfterAll
  static void stop() {
    if (rabbit != null) {
      rabbit.close();
    }
  }

  @Test
  void aBurstScalesThePoolUpAndTheDrainedQueueScalesItBackDown() throws Exception {
    ScalingSettings settings = ScalingSettings.defaults(1, 20).withScaleDownStabilization(Duration.ofSeconds(3));
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost("127.0.0.1");
    factory.setPort(rabbit.amqpPort());
    try (Connection app = factory.newConnection("test-app");
        RabbitMqBackend backend = new RabbitMqBackend(new BackendSettings(Duration.ofSeconds(2), 4,
            QueueNetworks.anywhere(), Clock.systemUTC()));
        QueueScaler scaler = backend.create(block(),
            Credentials.of(Map.of(RabbitMqBackend.PASSWORD_FROM, RabbitMqProcess.PASSWORD)))) {
      try (Channel channel = app.createChannel()) {
        channel.queueDeclare(QUEUE, true, false, false, null);
      }
      Loop loop = new Loop(scaler, settings);
      loop.until(s -> s.reading.depth() == 0, "an empty queue");
      assertThat(loop.replicas).isEqualTo(1);

      publish(app, 1_000);
      Step burst = loop.until(s -> s.reading.depth() == 1_000, "the burst");
      // nothing completes yet, so no processing time: ceil(1000 / jobsPerReplica 100), at once (no scale-up window)
      assertThat(burst.observation.processingTimeSource()).isEqualTo(ProcessingTimeSource.NONE);
      assertThat(burst.decision.reason()).isEqualTo(ScalingReason.SCALE_UP);
      assertThat(loop.replicas).isEqualTo(10);

      startWorkers(app);
      Step estimated = loop.until(s -> s.observation.processingTimeSource() == ProcessingTimeSource.ESTIMATED,
          "a processing time from Little's law");
      System.out.printf("rabbitmq: %.1f s after the burst, running %d, completion rate %.1f/s, processing time %s (estimated), jobs of %s%n",
          Duration.between(burst.reading.readAt(), estimated.reading.readAt()).toMillis() / 1000.0,
          estimated.observation.runningJobs(), estimated.observation.completionRate().orElse(0),
          estimated.observation.processingTime().orElseThrow(), JOB);
      assertThat(estimated.observation.runningJobs()).as("messages_unacknowledged").isBetween(1, CONSUMERS);

      Step drained = loop.until(s -> s.reading.depth() == 0 && s.reading.runningJobs().orElse(-1) == 0,
          "the drained queue");
      Step down = loop.until(s -> s.replicas == 1, "the scale-down");
      System.out.printf("rabbitmq: burst read at %s, drained %.1f s later, 1 replica %.1f s after that%n",
          burst.reading.readAt(), Duration.between(burst.reading.readAt(), drained.reading.readAt()).toMillis()
              / 1000.0, Duration.between(drained.reading.readAt(), down.reading.readAt()).toMillis() / 1000.0);
      assertThat(loop.steps).extracting(s -> s.replicas).as("never above the burst's 10").allMatch(r -> r <= 10);
      assertThat(Duration.between(drained.reading.readAt(), down.reading.readAt()))
          .as("the 3 s scale-down window held the burst's replicas").isLessThanOrEqualTo(Duration.ofSeconds(30));
      assertThat(loop.steps.stream().filter(s -> s.decision.reason() == ScalingReason.SCALE_DOWN)).isNotEmpty();
    }
  }

  /** The operator's per-poll decision path, fed by the scaler: reading -> observation -> decision -> replicas. */
  private static final class Loop {
    private final QueueScaler scaler;
    private final ScalingSettings settings;
    private final ScalingPolicy policy = new ScalingPolicy();
    private final List<Step> steps = new ArrayList<>();
    private ScalingState state = ScalingState.initial();
    /** The readings of the last {@link #RATE_WINDOW}: rates are taken from the oldest, as the operator's are. */
    private final java.util.ArrayDeque<QueueReading> window = new java.util.ArrayDeque<>();
    private int replicas = 1;

    Loop(QueueScaler scaler, ScalingSettings settings) {
      this.scaler = scaler;
      this.settings = settings;
    }

    Step until(Predicate<Step> condition, String what) throws Exception {
      Instant deadline = Instant.now().plusSeconds(60);
      while (Instant.now().isBefore(deadline)) {
        Step step = step();
        if (step != null && condition.test(step)) {
          return step;
        }
        Thread.sleep(250);
      }
      throw new AssertionError("no " + what + " within 60 s; last steps " + steps.subList(
          Math.max(0, steps.size() - 5), steps.size()));
    }

    private Step step() {
      QueueReading reading;
      try {
        reading = scaler.measure();
      } catch (ScalerException e) {
        if (e.getMessage().contains("no figures for the queue yet")) {
          return null; // a queue declared within the last collect_statistics_interval
        }
        throw new AssertionError(e);
      }
      while (window.size() > 1 && window.peekFirst().readAt().isBefore(reading.readAt().minus(RATE_WINDOW))) {
        window.pollFirst();
      }
      QueueObservation observation = QueueSignals.observe(Optional.ofNullable(window.peekFirst()), reading,
          STALE_AFTER);
      ScalingDecision decision = policy.decide(settings, replicas, observation, state, reading.readAt());
      window.addLast(reading);
      state = decision.nextState();
      replicas = decision.desiredReplicas();
      Step step = new Step(reading, observation, decision, replicas);
      steps.add(step);
      return step;
    }
  }

  private record Step(QueueReading reading, QueueObservation observation, ScalingDecision decision, int replicas) {
    @Override
    public String toString() {
      return "depth " + reading.depth() + ", running " + reading.runningJobs() + ": " + decision.message();
    }
  }

  private static void publish(Connection app, int count) throws Exception {
    try (Channel channel = app.createChannel()) {
      channel.confirmSelect();
      for (int i = 0; i < count; i++) {
        channel.basicPublish("", QUEUE, new AMQP.BasicProperties.Builder().deliveryMode(2)
            .timestamp(Date.from(Instant.now())).build(), ("invoice " + i).getBytes(StandardCharsets.UTF_8));
      }
      channel.waitForConfirmsOrDie(10_000);
    }
  }

  /** Consumers as a worker pool runs them: prefetch 1, each job takes {@link #JOB}, acknowledged when done. */
  private static void startWorkers(Connection app) throws Exception {
    for (int i = 0; i < CONSUMERS; i++) {
      Channel channel = app.createChannel();
      channel.basicQos(1);
      channel.basicConsume(QUEUE, false, new DefaultConsumer(channel) {
        @Override
        public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
            throws java.io.IOException {
          try {
            Thread.sleep(JOB.toMillis());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          getChannel().basicAck(envelope.getDeliveryTag(), false);
        }
      });
    }
  }

  private static RabbitMqQueueSpec block() {
    RabbitMqQueueSpec block = new RabbitMqQueueSpec();
    block.setManagementAddress(rabbit.managementAddress());
    block.setQueue(QUEUE);
    block.setUsername(RabbitMqProcess.USER);
    block.setPasswordFrom(new SecretKeyReference("rabbitmq", "password"));
    return block;
  }
}
