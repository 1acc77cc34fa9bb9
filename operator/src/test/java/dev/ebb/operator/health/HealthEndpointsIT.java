package dev.ebb.operator.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ebb.operator.EbbOperator;
import dev.ebb.operator.config.OperatorConfig;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** /healthz and /readyz follow the operator's start-up and its informers. */
@EnableKubernetesMockClient(crud = true)
class HealthEndpointsIT {

  KubernetesMockServer server;
  KubernetesClient client;

  @Test
  void probesAnswerStartingWhileTheInformersCannotSyncAndThePortIsFreedWhenStartFails() throws Exception {
    int port = freePort();
    List<Socket> held = new CopyOnWriteArrayList<>();
    // an API server that accepts connections and never answers: the informers wait for their first list
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        KubernetesClient stuck = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
            .withMasterUrl("http://127.0.0.1:" + silent.getLocalPort()).withNamespace("default")
            .withRequestTimeout(8000).withConnectionTimeout(1000).withRequestRetryBackoffLimit(0).build()).build()) {
      Thread acceptor = new Thread(() -> {
        while (!silent.isClosed()) {
          try {
            held.add(silent.accept());
          } catch (IOException closed) {
            return;
          }
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();

      // its own thread: the common pool has one thread on two cores, and may be busy
      ExecutorService starter = Executors.newSingleThreadExecutor();
      Future<EbbOperator> starting = starter.submit(() ->
          EbbOperator.start(OperatorConfig.from(Map.of("EBB_HTTP_PORT", Integer.toString(port))), stuck));
      starter.shutdown();

      long began = System.nanoTime();
      Endpoint live = await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
          .until(() -> Endpoint.get(port, "/healthz"), e -> e != null);
      Endpoint ready = Endpoint.get(port, "/readyz");
      String metrics = Endpoint.get(port, "/metrics").body();
      assertThat(starting.isDone()).as("answered after %d ms", (System.nanoTime() - began) / 1_000_000).isFalse();
      assertThat(live).isEqualTo(new Endpoint(503, "starting\n"));
      assertThat(ready).isEqualTo(new Endpoint(503, "starting\n"));
      assertThat(metrics).contains("jvm_memory_used_bytes");

      assertThatThrownBy(() -> starting.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
      assertThatThrownBy(() -> Endpoint.get(port, "/healthz")).isInstanceOf(IllegalStateException.class);
    } finally {
      for (Socket socket : new ArrayList<>(held)) {
        socket.close();
      }
    }
  }

  @Test
  void anInformerThatStaysUnhealthyFailsLivenessAfterTheLimit() throws Exception {
    client.apiextensions().v1().customResourceDefinitions()
        .load(getClass().getResourceAsStream("/META-INF/fabric8/workerpools.ebb.dev-v1.yml")).create();
    EbbOperator operator = EbbOperator.start(OperatorConfig.from(Map.of("EBB_HTTP_PORT", "0",
        "EBB_UNHEALTHY_LIMIT", "3s")), client);
    try {
      assertThat(Endpoint.get(operator.httpPort(), "/healthz")).isEqualTo(new Endpoint(200, "ok\n"));
      assertThat(Endpoint.get(operator.httpPort(), "/readyz")).isEqualTo(new Endpoint(200, "ok\n"));

      server.shutdown();

      // not ready at once, still live for a while: a watch that reconnects is no reason for a restart
      Endpoint notReady = await().atMost(Duration.ofSeconds(10))
          .until(() -> Endpoint.get(operator.httpPort(), "/readyz"), e -> e.status() == 503);
      assertThat(notReady.body()).contains("unhealthy informers");
      assertThat(Endpoint.get(operator.httpPort(), "/healthz").status()).isEqualTo(200);
      Endpoint dead = await().atMost(Duration.ofSeconds(10))
          .until(() -> Endpoint.get(operator.httpPort(), "/healthz"), e -> e.status() == 503);
      assertThat(dead.body()).contains("informers unhealthy for");
    } finally {
      operator.close();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
