package dev.ebb.operator.scaler.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ebb.api.v1alpha1.PostgresFormat;
import dev.ebb.api.v1alpha1.PostgresQueueSpec;
import dev.ebb.api.v1alpha1.PostgresSslMode;
import dev.ebb.api.v1alpha1.SecretKeyReference;
import dev.ebb.operator.network.QueueNetworks;
import dev.ebb.operator.scaler.BackendSettings;
import dev.ebb.operator.scaler.Credentials;
import dev.ebb.operator.scaler.QueueScaler;
import dev.ebb.operator.scaler.ScalerException;
import dev.ebb.operator.scaler.ScalerException.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sslMode against a real PostgreSQL with TLS on, its certificate (for localhost) signed by a CA made here with openssl:
 * verify-full with that CA from caFrom reads; verify-full with another CA, or for a name the certificate does not
 * cover, does not; require reads without checking.
 */
class PostgresTlsIT {

  private static final String PASSWORD = "tls-secret-Hb62";
  @TempDir
  static Path certificates;
  private static PostgresProcess server;
  private static PostgresBackend backend;

  @BeforeAll
  static void startServer() throws Exception {
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Ebb test CA",
        "-keyout", "ca.key", "-out", "ca.crt");
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Other CA",
        "-keyout", "other.key", "-out", "other.crt");
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout", "server.key",
        "-out", "server.csr");
    Files.writeString(certificates.resolve("san.ext"), "subjectAltName=DNS:localhost\n");
    openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2",
        "-extfile", "san.ext", "-out", "server.crt");
    server = PostgresProcess.start(Optional.of(certificates));
    server.execute("postgres", "CREATE DATABASE jobs", "CREATE ROLE ebb_reader LOGIN PASSWORD '" + PASSWORD + "'");
    server.executeResource("jobs", "/postgres/river.sql");
    server.execute("jobs", "GRANT SELECT ON river_job TO ebb_reader",
        "INSERT INTO river_job (args, kind, queue) VALUES ('{}', 'email', 'mailers')");
    // a TLS handshake on a loaded 2-core machine can take a good part of a second: the timeout is not what is tested
    backend = new PostgresBackend(new BackendSettings(Duration.ofSeconds(5), 2, QueueNetworks.anywhere(),
        Clock.systemUTC()));
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (backend != null) {
      backend.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void verifyFullWithTheServersCaReads() throws Exception {
    assertThat(measure("localhost", PostgresSslMode.VERIFY_FULL, Optional.of("ca.crt"))).isEqualTo(1);
  }

  @Test
  void verifyFullRefusesAnotherCaAndAnotherName() {
    assertThat(failure("localhost", PostgresSslMode.VERIFY_FULL, Optional.of("other.crt")).kind())
        .isEqualTo(Kind.UNREACHABLE);
    assertThat(failure("127.0.0.1", PostgresSslMode.VERIFY_FULL, Optional.of("ca.crt")).kind())
        .as("the certificate names localhost only").isEqualTo(Kind.UNREACHABLE);
  }

  @Test
  void requireEncryptsWithoutChecking() throws Exception {
    assertThat(measure("127.0.0.1", PostgresSslMode.REQUIRE, Optional.empty())).isEqualTo(1);
  }

  private static long measure(String host, PostgresSslMode mode, Optional<String> ca) throws Exception {
    try (QueueScaler scaler = backend.create(block(host, mode, ca), credentials(ca))) {
      return scaler.measure().depth();
    }
  }

  private static ScalerException failure(String host, PostgresSslMode mode, Optional<String> ca) {
    try (QueueScaler scaler = backend.create(block(host, mode, ca), credentials(ca))) {
      ScalerException failure = catchThrowableOfType(ScalerException.class, scaler::measure);
      assertThat(failure).isNotNull();
      assertThat(failure.getMessage()).doesNotContain(PASSWORD);
      return failure;
    }
  }

  private static PostgresQueueSpec block(String host, PostgresSslMode mode, Optional<String> ca) {
    PostgresQueueSpec block = new PostgresQueueSpec(host, "jobs", "ebb_reader", PostgresFormat.RIVER, "mailers");
    block.setPort(server.port());
    block.setSslMode(mode);
    block.setPasswordFrom(new SecretKeyReference("queue-db", "password"));
    ca.ifPresent(file -> block.setCaFrom(new SecretKeyReference("queue-db-ca", "ca.crt")));
    return block;
  }

  private static Credentials credentials(Optional<String> ca) {
    Map<String, String> values = new HashMap<>(Map.of("passwordFrom", PASSWORD));
    if (ca.isPresent()) {
      try {
        values.put("caFrom", Files.readString(certificates.resolve(ca.get()), StandardCharsets.US_ASCII));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return Credentials.of(values);
  }

  private static void openssl(String... arguments) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("openssl"));
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).directory(certificates.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("openssl %s: %s", command, output).isZero();
  }
}
