package dev.ebb.operator.scaler.kafka;

import dev.ebb.api.v1alpha1.KafkaQueueSpec;
import dev.ebb.api.v1alpha1.KafkaSaslSpec;
import dev.ebb.operator.scaler.BackendSettings;
import dev.ebb.operator.scaler.Credentials;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The Kafka client settings for a pool's block: every wait bounded by the operator's timeout, the security protocol
 * from {@code tls} and {@code sasl}, credentials from the Secret values (Kafka logs them as {@code [hidden]}), and a
 * consumer that reads at most {@link #FETCH_MAX_BYTES} per fetch, commits nothing and joins no group.
 */
final class KafkaClientConfig {

  /** Bound on one fetch of the first unconsumed records (Kafka still returns one whole batch if it is larger). */
  static final int FETCH_MAX_BYTES = 1024 * 1024;
  static final int PARTITION_FETCH_MAX_BYTES = 64 * 1024;

  private KafkaClientConfig() {
  }

  /** The key under which clients are shared: servers, protocol, user and every credential value (fingerprinted). */
  static String shareKey(KafkaQueueSpec block, Credentials credentials) {
    KafkaSaslSpec sasl = block.getSasl();
    return block.getBootstrapServers() + "|" + securityProtocol(block) + "|"
        + (sasl == null ? "" : sasl.getMechanism().kafkaName() + "|" + Optional.ofNullable(sasl.getUsername())
            .orElse("")) + "|" + credentials.fingerprint();
  }

  static boolean tls(KafkaQueueSpec block) {
    return Boolean.TRUE.equals(block.getTls());
  }

  static String securityProtocol(KafkaQueueSpec block) {
    return (block.getSasl() == null ? "" : "SASL_") + (tls(block) ? "SSL" : "PLAINTEXT");
  }

  static Map<String, Object> admin(KafkaQueueSpec block, Credentials credentials, BackendSettings settings) {
    Map<String, Object> config = common(block, credentials, settings);
    config.put(AdminClientConfig.CLIENT_ID_CONFIG, "ebb-operator-admin");
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis(settings.pollDeadline()));
    return config;
  }

  static Map<String, Object> consumer(KafkaQueueSpec block, Credentials credentials, BackendSettings settings) {
    Map<String, Object> config = common(block, credentials, settings);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "ebb-operator-oldest-record");
    config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis(settings.pollDeadline()));
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"); // retention raced the seek: the log start
    config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, FETCH_MAX_BYTES);
    config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, PARTITION_FETCH_MAX_BYTES);
    config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
    config.put(ConsumerConfig.CHECK_CRCS_CONFIG, false);
    return config;
  }

  private static Map<String, Object> common(KafkaQueueSpec block, Credentials credentials,
      BackendSettings settings) {
    Map<String, Object> config = new HashMap<>();
    int timeout = millis(settings.timeout());
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, block.getBootstrapServers());
    config.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, timeout);
    config.put(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, (long) timeout);
    config.put(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, (long) timeout);
    config.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000L);
    config.put(CommonClientConfigs.RETRY_BACKOFF_MAX_MS_CONFIG, 1000L);
    config.put(CommonClientConfigs.ENABLE_METRICS_PUSH_CONFIG, false);
    config.put(CommonClientConfigs.METRIC_REPORTER_CLASSES_CONFIG, ""); // no JMX beans per shared client
    config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, securityProtocol(block));
    if (tls(block)) {
      credentials.get("caFrom").ifPresent(pem -> {
        config.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
        config.put(SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG, pem);
      });
    }
    KafkaSaslSpec sasl = block.getSasl();
    if (sasl != null) {
      String user = sasl.getUsername() != null ? sasl.getUsername() : credentials.get("sasl.usernameFrom").orElse("");
      String password = credentials.get("sasl.passwordFrom").orElse("");
      String module = sasl.getMechanism().kafkaName().equals("PLAIN")
          ? "org.apache.kafka.common.security.plain.PlainLoginModule"
          : "org.apache.kafka.common.security.scram.ScramLoginModule";
      config.put(SaslConfigs.SASL_MECHANISM, sasl.getMechanism().kafkaName());
      config.put(SaslConfigs.SASL_JAAS_CONFIG, module + " required username=\"" + quoted(user) + "\" password=\""
          + quoted(password) + "\";");
    }
    return config;
  }

  /** A JAAS option value inside double quotes: backslash and quote escaped. */
  static String quoted(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  private static int millis(Duration duration) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, duration.toMillis()));
  }
}
