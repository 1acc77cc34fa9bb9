package dev.ebb.operator.scaler.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.api.v1alpha1.KafkaQueueSpec;
import dev.ebb.api.v1alpha1.KafkaSaslMechanism;
import dev.ebb.api.v1alpha1.KafkaSaslSpec;
import dev.ebb.api.v1alpha1.SecretKeyReference;
import dev.ebb.operator.network.QueueNetworks;
import dev.ebb.operator.scaler.BackendSettings;
import dev.ebb.operator.scaler.Credentials;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaClientConfigTest {

  private static final BackendSettings SETTINGS = new BackendSettings(Duration.ofMillis(1500), 2,
      QueueNetworks.anywhere(), Clock.systemUTC());

  private static KafkaQueueSpec block(boolean tls, KafkaSaslSpec sasl) {
    KafkaQueueSpec block = new KafkaQueueSpec("k-0:9092,k-1:9092", "orders", "workers");
    block.setTls(tls);
    block.setSasl(sasl);
    return block;
  }

  @Test
  void everyWaitIsBoundedByTheOperatorsTimeoutAndThePollDeadline() {
    Map<String, Object> admin = KafkaClientConfig.admin(block(false, null), Credentials.none(), SETTINGS);
    Map<String, Object> consumer = KafkaClientConfig.consumer(block(false, null), Credentials.none(), SETTINGS);

    assertThat(admin).containsEntry("request.timeout.ms", 1500).containsEntry("default.api.timeout.ms", 4500)
        .containsEntry("socket.connection.setup.timeout.max.ms", 1500L).containsEntry("security.protocol", "PLAINTEXT")
        .containsEntry("bootstrap.servers", "k-0:9092,k-1:9092");
    assertThat(consumer).containsEntry("enable.auto.commit", false).containsEntry("fetch.max.bytes", 1024 * 1024)
        .doesNotContainKey("group.id");
  }

  @Test
  void saslOverTlsSendsTheSecretsValuesQuotedForJaas() {
    KafkaSaslSpec sasl = new KafkaSaslSpec(KafkaSaslMechanism.SCRAM_SHA_512, null,
        new SecretKeyReference("kafka", "password"));
    sasl.setUsernameFrom(new SecretKeyReference("kafka", "user"));
    Credentials credentials = Credentials.of(Map.of("sasl.usernameFrom", "svc", "sasl.passwordFrom", "p\"a\\ss",
        "caFrom", "-----BEGIN CERTIFICATE-----"));

    Map<String, Object> config = KafkaClientConfig.admin(block(true, sasl), credentials, SETTINGS);

    assertThat(config).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .containsEntry("ssl.truststore.type", "PEM")
        .containsEntry("ssl.truststore.certificates", "-----BEGIN CERTIFICATE-----")
        .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"svc\" password=\"p\\\"a\\\\ss\";");
  }

  @Test
  void clientsAreSharedPerServersUserAndCredentialOnly() {
    KafkaSaslSpec plain = new KafkaSaslSpec(KafkaSaslMechanism.PLAIN, "ebb", new SecretKeyReference("k", "p"));
    Credentials one = Credentials.of(Map.of("sasl.passwordFrom", "a"));
    Credentials other = Credentials.of(Map.of("sasl.passwordFrom", "b"));
    KafkaQueueSpec otherTopic = block(false, plain);
    otherTopic.setTopic("invoices");

    assertThat(KafkaClientConfig.shareKey(block(false, plain), one)).isEqualTo(KafkaClientConfig.shareKey(otherTopic, one))
        .isNotEqualTo(KafkaClientConfig.shareKey(block(false, plain), other))
        .isNotEqualTo(KafkaClientConfig.shareKey(block(true, plain), one))
        .doesNotContain("a|").doesNotEndWith("|a");
  }
}
