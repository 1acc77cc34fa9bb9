package dev.ebb.worker.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The worker's HTTP endpoints on one port: {@code /metrics} (Prometheus text), {@code /livez} and {@code /readyz}
 * (200 "ok", or 503 with the reasons, one per line).
 */
public final class HealthServer implements AutoCloseable {

  /** An answer of a probe: empty reasons means healthy. */
  public interface Probe extends Supplier<java.util.List<String>> {
  }

  private final HttpServer server;

  public HealthServer(int port, Supplier<String> metrics, Probe liveness, Probe readiness) throws IOException {
    server = HttpServer.create(new InetSocketAddress(port), 16);
    server.setExecutor(Executors.newSingleThreadExecutor(task -> {
      Thread thread = new Thread(task, "ebb-http");
      thread.setDaemon(true);
      return thread;
    }));
    server.createContext("/metrics", exchange -> send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8",
        metrics.get()));
    server.createContext("/livez", exchange -> probe(exchange, liveness));
    server.createContext("/readyz", exchange -> probe(exchange, readiness));
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private static void probe(HttpExchange exchange, Probe probe) throws IOException {
    java.util.List<String> problems = probe.get();
    send(exchange, problems.isEmpty() ? 200 : 503, "text/plain; charset=utf-8",
        problems.isEmpty() ? "ok\n" : String.join("\n", problems) + "\n");
  }

  private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
