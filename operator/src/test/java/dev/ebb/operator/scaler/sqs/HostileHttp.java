package dev.ebb.operator.scaler.sqs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP server on a free loopback port that is not SQS: a stand-in for what a pool's author could point
 * {@code endpoint} at. It counts the connections it accepted, so a test can prove that none was made.
 */
final class HostileHttp implements AutoCloseable {

  /** What the server does with each connection. */
  enum Behaviour {
    /** Accepts and reads, never answers. */
    SILENT,
    /** Answers 200 with a status line and headers, then one body byte every second, forever. */
    DRIP,
    /** Answers 200 with a web page: an HTTP server, not SQS. */
    WEB_PAGE,
    /** Answers 200 with a chunked JSON body whose one string never ends. */
    ENDLESS
  }

  private final ServerSocket server;
  private final Behaviour behaviour;
  private final AtomicInteger accepted = new AtomicInteger();
  private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
    Thread thread = new Thread(r, "hostile-http");
    thread.setDaemon(true);
    return thread;
  });

  HostileHttp(Behaviour behaviour) throws IOException {
    this.behaviour = behaviour;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    connections.execute(this::accept);
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  int accepted() {
    return accepted.get();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        accepted.incrementAndGet();
        connections.execute(() -> serve(client));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try (client; InputStream in = client.getInputStream(); OutputStream out = client.getOutputStream()) {
      readHead(in);
      switch (behaviour) {
        case SILENT -> {
          while (in.read() >= 0) {
            // read on, answer nothing
          }
        }
        case DRIP -> {
          send(out, "HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.0\r\nContent-Length: 100000\r\n\r\n{");
          while (true) {
            Thread.sleep(1000);
            send(out, " ");
          }
        }
        case WEB_PAGE -> {
          String page = "<html><body>It works!</body></html>";
          send(out, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " + page.length()
              + "\r\nConnection: close\r\n\r\n" + page);
        }
        case ENDLESS -> {
          send(out, "HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.0\r\nTransfer-Encoding: chunked\r\n\r\n");
          // one JSON string that never closes: a parser must read on until the size limit stops it
          String start = "{\"Attributes\":{\"ApproximateNumberOfMessages\":\"";
          send(out, Integer.toHexString(start.length()) + "\r\n" + start + "\r\n");
          String digits = "1".repeat(8000);
          String framed = Integer.toHexString(digits.length()) + "\r\n" + digits + "\r\n";
          while (true) {
            send(out, framed);
          }
        }
      }
    } catch (IOException | InterruptedException closed) {
      // the client gave up: that is the point
    }
  }

  /** Reads up to the end of the request's headers (the body, if any, is left unread). */
  private static void readHead(InputStream in) throws IOException {
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    int b;
    while (matched < 4 && (b = in.read()) >= 0) {
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
  }

  private static void send(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
    connections.shutdownNow();
  }
}
