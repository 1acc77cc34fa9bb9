package dev.ebb.operator.scaler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP server that speaks just enough RESP to be hostile: a test stand-in for a queue server a pool's author points
 * the operator at. Every command (the connection's handshake included) gets the behaviour's answer.
 */
public final class HostileRedis implements AutoCloseable {

  /** What the server does with each command it reads. */
  public enum Behaviour {
    /** Declares a 2 GB string and sends nothing more. */
    HUGE_STRING,
    /** Declares an array of a billion elements. */
    HUGE_ARRAY,
    /** Sends a valid-looking status reply one byte every 1.5 s, forever: each read is within the socket timeout. */
    DRIP,
    /** Reads and never answers. */
    SILENT
  }

  private final ServerSocket server;
  private final Behaviour behaviour;
  private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
    Thread thread = new Thread(r, "hostile-redis");
    thread.setDaemon(true);
    return thread;
  });

  public HostileRedis(Behaviour behaviour) throws IOException {
    this.behaviour = behaviour;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    connections.execute(this::accept);
  }

  public String uri() {
    return "redis://127.0.0.1:" + server.getLocalPort() + "/0";
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        connections.execute(() -> serve(client));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try (client; InputStream in = client.getInputStream(); OutputStream out = client.getOutputStream()) {
      while (in.read() >= 0) { // any byte of a command is enough to answer
        switch (behaviour) {
          case HUGE_STRING -> send(out, "$2000000000\r\n");
          case HUGE_ARRAY -> send(out, "*1000000000\r\n");
          case DRIP -> {
            send(out, "+");
            while (true) {
              Thread.sleep(1500);
              send(out, "O");
            }
          }
          case SILENT -> {
            // read on, answer nothing
          }
        }
        if (behaviour != Behaviour.SILENT) {
          in.skip(in.available());
        }
      }
    } catch (IOException | InterruptedException done) {
      // the client hung up or the test ended
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
