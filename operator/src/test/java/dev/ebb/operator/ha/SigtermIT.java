package dev.ebb.operator.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ebb.operator.TestOperators;
import dev.ebb.operator.health.Endpoint;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ebb operator} as its own process, with the production settings (exit on a lost Lease): SIGTERM stops it
 * promptly and gives up the Lease, so a standby would take over at once instead of after the lease duration (JOSDK's
 * own exit-on-stop-leading would call System.exit from the shutdown hook, which blocks the JVM until SIGKILL); and a
 * leader whose Lease another replica took exits by itself rather than reconcile beside the new leader.
 */
@EnableKubernetesMockClient(crud = true)
class SigtermIT {

  private static final Duration LEASE = Duration.ofSeconds(15);
  private static final String IDENTITY = "ebb-operator-0";

  KubernetesMockServer server;
  KubernetesClient client;
  private Process operator;
  private Path output;
  private int port;

  @BeforeEach
  void startOperatorProcess() throws Exception {
    TestOperators.allowLeaseChecks(server);
    client.apiextensions().v1().customResourceDefinitions()
        .load(getClass().getResourceAsStream("/META-INF/fabric8/workerpools.ebb.dev-v1.yml")).create();
    try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    output = Files.createTempFile("ebb-operator-", ".log");
    ProcessBuilder builder = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        "dev.ebb.operator.Ebb", "operator"))
        .redirectErrorStream(true).redirectOutput(output.toFile());
    builder.environment().putAll(Map.of(
        "KUBERNETES_MASTER", client.getMasterUrl().toString(),
        "KUBERNETES_TRUST_CERTIFICATES", "true",
        "KUBERNETES_NAMESPACE", "default",
        "KUBERNETES_AUTH_TRYKUBECONFIG", "false",
        "KUBERNETES_AUTH_TRYSERVICEACCOUNT", "false",
        "EBB_HTTP_PORT", Integer.toString(port),
        "EBB_LEADER_ELECTION", "true",
        "EBB_LEASE_NAMESPACE", "ebb-system",
        "EBB_POD_NAME", IDENTITY));
    operator = builder.start();
    await().atMost(Duration.ofSeconds(30)).until(() -> IDENTITY.equals(holder()));
    await().atMost(Duration.ofSeconds(5)).ignoreExceptions()
        .until(() -> Endpoint.get(port, "/readyz").equals(new Endpoint(200, "leader\n")));
  }

  @AfterEach
  void stopOperatorProcess() throws Exception {
    operator.destroyForcibly();
    Files.deleteIfExists(output);
  }

  @Test
  void sigtermStopsTheOperatorPromptlyAndReleasesTheLease() throws Exception {
    long signalled = System.nanoTime();
    operator.destroy();

    assertThat(operator.waitFor(LEASE.toSeconds(), TimeUnit.SECONDS))
        .as("exited after SIGTERM; output:\n%s", Files.readString(output)).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - signalled)).isLessThan(Duration.ofSeconds(12));
    assertThat(operator.exitValue()).isEqualTo(143);
    assertThat(holder()).as("Lease released on the way out").isNull();
    assertThat(Files.readString(output)).contains("released the Lease").doesNotContain("lost the Lease");
  }

  @Test
  void aLeaderWhoseLeaseWasTakenExits() throws Exception {
    Lease lease = client.leases().inNamespace("ebb-system").withName("ebb-operator").get();
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    lease.getSpec().setHolderIdentity("ebb-operator-1");
    lease.getSpec().setAcquireTime(now);
    lease.getSpec().setRenewTime(now);
    client.resource(lease).update();

    assertThat(operator.waitFor(LEASE.toSeconds(), TimeUnit.SECONDS))
        .as("exited after losing the Lease; output:\n%s", Files.readString(output)).isTrue();
    assertThat(operator.exitValue()).isEqualTo(1);
    assertThat(holder()).as("the new holder's Lease is left alone").isEqualTo("ebb-operator-1");
    assertThat(Files.readString(output)).contains("lost the Lease");
  }

  private String holder() {
    Lease lease = client.leases().inNamespace("ebb-system").withName("ebb-operator").get();
    return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
  }
}
