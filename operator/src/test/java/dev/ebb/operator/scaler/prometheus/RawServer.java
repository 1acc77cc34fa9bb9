package dev.ebb.operator.scaler.prometheus;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP server on a loopback port that is not a well-behaved Prometheus: it accepts and then stays silent, drips an
 * answer a byte at a time, or answers far more than any one-sample answer. It counts the connections it accepted.
 */
final class RawServer implements AutoCloseable {

  enum Behaviour {
    /** Accepts, reads, never writes. */
    SILENT,
    /** Sends a 200 with headers at once, then its body one byte every 200 ms. */
    DRIP,
    /** Sends a 200 JSON answer of 5 MiB. */
    HUGE,
    /** Answers a line of another protocol, as a mail or SSH server greets its clients. */
    NOT_HTTP
  }

  private final ServerSocket socket;
  private final Behaviour behaviour;
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger closedByClient = new AtomicInteger();
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  RawServer(Behaviour behaviour) throws IOException {
    this.behaviour = behaviour;
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::accept, "raw-server-" + behaviour);
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  int accepted() {
    return accepted.get();
  }

  /** Connections the client closed while this server was still answering (DRIP) or listening (SILENT). */
  int closedByClient() {
    return closedByClient.get();
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        accepted.incrementAndGet();
        open.add(client);
        Thread serve = new Thread(() -> serve(client), "raw-server-client");
        serve.setDaemon(true);
        serve.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try {
      OutputStream out = client.getOutputStream();
      switch (behaviour) {
        case SILENT -> {
          client.getInputStream().transferTo(OutputStream.nullOutputStream());
          if (!socket.isClosed()) {
            closedByClient.incrementAndGet(); // end of stream: the client closed its side
          }
        }
        case DRIP -> {
          out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
          out.flush();
          for (int i = 0; i < 100_000; i++) {
            out.write(' ');
            out.flush();
            Thread.sleep(200);
          }
        }
        case HUGE -> {
          int size = 5 << 20;
          out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + size + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
          byte[] spaces = new byte[64 << 10];
          java.util.Arrays.fill(spaces, (byte) ' ');
          for (int sent = 0; sent < size; sent += spaces.length) {
            out.write(spaces, 0, Math.min(spaces.length, size - sent));
          }
          out.flush();
        }
        case NOT_HTTP -> {
          out.write("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
          client.getInputStream().transferTo(OutputStream.nullOutputStream());
        }
        default -> throw new IllegalStateException();
      }
    } catch (IOException dropped) {
      if (!socket.isClosed()) {
        closedByClient.incrementAndGet(); // a write failed: the client went away
      }
    } catch (InterruptedException stopped) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
    for (Socket client : open) {
      client.close();
    }
  }
}
