package dev.ebb.operator.scaler.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.api.v1alpha1.KafkaQueueSpec;
import dev.ebb.api.v1alpha1.KafkaSaslMechanism;
import dev.ebb.api.v1alpha1.KafkaSaslSpec;
import dev.ebb.api.v1alpha1.SecretKeyReference;
import dev.ebb.operator.network.QueueNetworks;
import dev.ebb.operator.scaler.BackendSettings;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class KafkaBackendTest {

  private final KafkaBackend backend = new KafkaBackend(new BackendSettings(Duration.ofSeconds(1), 2,
      QueueNetworks.anywhere(), Clock.systemUTC()));

  @Test
  void theHostsToCheckAreEveryBootstrapServersHostOnce() {
    KafkaQueueSpec block = new KafkaQueueSpec("k-0.kafka.svc:9092,k-1.kafka.svc:9092,k-0.kafka.svc:9093,10.0.0.7:9092",
        "orders", "workers");

    assertThat(backend.hosts(block)).containsExactly("k-0.kafka.svc", "k-1.kafka.svc", "10.0.0.7");
  }

  @Test
  void theSecretReferencesAreKeyedByTheirFieldInTheBlock() {
    KafkaQueueSpec block = new KafkaQueueSpec("k:9092", "orders", "workers");
    block.setTls(true);
    block.setCaFrom(new SecretKeyReference("kafka-ca", "ca.crt"));
    KafkaSaslSpec sasl = new KafkaSaslSpec(KafkaSaslMechanism.PLAIN, null, new SecretKeyReference("kafka", "password"));
    sasl.setUsernameFrom(new SecretKeyReference("kafka", "user"));
    block.setSasl(sasl);

    assertThat(backend.secretReferences(block)).containsOnlyKeys("caFrom", "sasl.usernameFrom", "sasl.passwordFrom");
    assertThat(backend.secretReferences(new KafkaQueueSpec("k:9092", "orders", "workers"))).isEmpty();
    assertThat(backend.describe(block)).isEqualTo("kafka k:9092 topic orders group workers");
    assertThat(backend.format(block)).isEqualTo("kafka");
    assertThat(backend.displayName()).isEqualTo("Kafka");
  }
}
