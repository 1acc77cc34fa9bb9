package dev.ebb.operator.dashboard;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;

/** A JDK HTTP server with only the dashboard, for {@code ebb local}: on the loopback interface, one daemon thread. */
public final class DashboardServer implements AutoCloseable {

  private final HttpServer server;

  private DashboardServer(HttpServer server) {
    this.server = server;
  }

  /** On 127.0.0.1 and {@code port} (0: any free port). */
  public static DashboardServer start(int port, DashboardHandler handler) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext("/", handler);
    server.setExecutor(Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "ebb-dashboard");
      thread.setDaemon(true);
      return thread;
    }));
    server.start();
    return new DashboardServer(server);
  }

  public String url() {
    return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + "/";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
