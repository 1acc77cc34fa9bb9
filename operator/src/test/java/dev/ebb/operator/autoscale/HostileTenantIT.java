package dev.ebb.operator.autoscale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.api.v1alpha1.QueueSpec;
import dev.ebb.api.v1alpha1.RedisQueueSpec;
import dev.ebb.operator.scaler.Credentials;
import dev.ebb.operator.scaler.RedisConnections;
import dev.ebb.operator.scaler.ReplyLimits;
import dev.ebb.operator.scaler.ScalerRegistry;
import dev.ebb.redis.RedisProcess;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * One tenant whose 20 queue servers never answer cannot stop the measurement of another tenant's pools: with 8
 * measuring threads, the hostile namespace holds at most 2, and the healthy pools keep being polled every second.
 */
class HostileTenantIT {

  @Test
  void aNamespaceOfSilentServersLeavesTheOthersTheirPolls() throws Exception {
    try (RedisProcess redis = RedisProcess.startOnFreePort(); ServerSocket silent = silentServer()) {
      ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
      ExecutorService measurers = Executors.newFixedThreadPool(8);
      RedisConnections connections = new RedisConnections(Duration.ofSeconds(2), 2,
          ReplyLimits.standard(Duration.ofSeconds(6)));
      QueueMonitor monitor = new QueueMonitor(new ScalerRegistry(connections, Clock.systemUTC()), scheduler,
          measurers, 8, Clock.systemUTC(), new PoolMetrics(new SimpleMeterRegistry()));
      Map<ResourceID, AtomicInteger> polls = new ConcurrentHashMap<>();
      monitor.connect(id -> polls.computeIfAbsent(id, i -> new AtomicInteger()).incrementAndGet(), id -> true);
      try {
        for (int i = 0; i < 20; i++) {
          monitor.track(new ResourceID("hostile-" + i, "evil"), target("redis://127.0.0.1:" + silent.getLocalPort()
              + "/0"));
        }
        List<ResourceID> healthy = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
          ResourceID id = new ResourceID("healthy-" + i, "shop");
          healthy.add(id);
          monitor.track(id, target(redis.uri()));
        }
        Thread.sleep(10_000);

        for (ResourceID id : healthy) {
          assertThat(polls.getOrDefault(id, new AtomicInteger()).get()).as("polls of %s in 10 s", id.getName())
              .isGreaterThanOrEqualTo(8);
          assertThat(monitor.latest(id)).hasValueSatisfying(s -> assertThat(s.observation()).isPresent());
        }
      } finally {
        monitor.close();
        scheduler.shutdownNow();
        measurers.shutdownNow();
        connections.close();
      }
    }
  }

  private static MonitorTarget target(String address) {
    return new MonitorTarget(new QueueSpec(new RedisQueueSpec(address, "q")), Credentials.none(),
        Duration.ofSeconds(1), Duration.ofSeconds(60));
  }

  /** Accepts connections and reads them, answering nothing. */
  private static ServerSocket silentServer() throws IOException {
    ServerSocket server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(() -> {
      while (!server.isClosed()) {
        try {
          Socket client = server.accept();
          Thread reader = new Thread(() -> {
            try (client; InputStream in = client.getInputStream()) {
              while (in.read() >= 0) {
                // silence
              }
            } catch (IOException done) {
              // closed
            }
          });
          reader.setDaemon(true);
          reader.start();
        } catch (IOException closed) {
          return;
        }
      }
    });
    acceptor.setDaemon(true);
    acceptor.start();
    return server;
  }
}
