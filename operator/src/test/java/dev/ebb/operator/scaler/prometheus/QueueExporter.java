package dev.ebb.operator.scaler.prometheus;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * A queue's exporter, as an app or a Sidekiq/RabbitMQ exporter would be: {@code /metrics} in Prometheus' text format,
 * with the gauges the test sets. Prometheus scrapes it; Ebb never reads it.
 */
final class QueueExporter implements AutoCloseable {

  private final HttpServer server;
  private final Map<String, String> samples = new TreeMap<>();

  QueueExporter() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/metrics", exchange -> {
      byte[] body = text().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }

  /** Sets a gauge: {@code series} is its name and labels as the text format writes them. */
  synchronized QueueExporter set(String series, String value) {
    samples.put(series, value);
    return this;
  }

  synchronized QueueExporter remove(String series) {
    samples.remove(series);
    return this;
  }

  /** host:port, for a scrape target. */
  String target() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  String url() {
    return "http://" + target();
  }

  private synchronized String text() {
    StringBuilder text = new StringBuilder();
    samples.forEach((series, value) -> text.append(series).append(' ').append(value).append('\n'));
    return text.toString();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
