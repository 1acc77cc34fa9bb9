package dev.ebb.operator.scaler;

import dev.ebb.operator.network.QueueNetworks;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.List;
import redis.clients.jedis.DefaultJedisSocketFactory;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisSocketFactory;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * Jedis' own socket factory (timeouts, TLS), with every connection's input read through a {@link ReplyGuard}, and
 * to a server inside the allowed {@link QueueNetworks} only: the host's addresses are checked before connecting (no
 * packet goes to a server outside), and the connected peer again after (a DNS answer that changed in between is
 * closed before Jedis sends a byte, its password included).
 */
final class GuardedSocketFactory implements JedisSocketFactory {

  private final HostAndPort server;
  private final DefaultJedisSocketFactory sockets;
  private final ReplyLimits limits;
  private final QueueNetworks networks;

  GuardedSocketFactory(HostAndPort server, JedisClientConfig config, ReplyLimits limits, QueueNetworks networks) {
    this.server = server;
    this.sockets = new DefaultJedisSocketFactory(server, config);
    this.limits = limits;
    this.networks = networks;
  }

  @Override
  public Socket createSocket() throws JedisConnectionException {
    if (!networks.checksNothing()) {
      refuseOutside(resolve());
    }
    Socket socket = sockets.createSocket();
    if (!networks.checksNothing() && socket.getInetAddress() != null) {
      try {
        refuseOutside(socket.getInetAddress());
      } catch (AddressNotAllowed e) {
        closeQuietly(socket);
        throw e;
      }
    }
    return new GuardedSocket(socket, limits);
  }

  private InetAddress[] resolve() {
    try {
      return InetAddress.getAllByName(server.getHost());
    } catch (UnknownHostException e) {
      throw new JedisConnectionException("cannot resolve " + server.getHost(), e);
    }
  }

  private void refuseOutside(InetAddress... addresses) {
    List<InetAddress> outside = networks.outside(addresses);
    if (!outside.isEmpty()) {
      throw new AddressNotAllowed(server.getHost() + " resolves to " + outside.stream()
          .map(InetAddress::getHostAddress).toList() + ", outside " + QueueNetworks.SETTING);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // refused anyway
    }
  }

  /** The server's address is outside the allowed networks: nothing was sent to it. */
  static final class AddressNotAllowed extends JedisConnectionException {
    AddressNotAllowed(String message) {
      super(message);
    }
  }

  /** The connected socket, but for its input stream; only what Jedis' Connection calls is passed on. */
  private static final class GuardedSocket extends Socket {
    private final Socket socket;
    private final InputStream in;

    GuardedSocket(Socket socket, ReplyLimits limits) throws JedisConnectionException {
      this.socket = socket;
      try {
        this.in = new ReplyGuard(socket.getInputStream(), limits);
      } catch (IOException e) {
        throw new JedisConnectionException(e);
      }
    }

    @Override
    public InputStream getInputStream() {
      return in;
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
      return socket.getOutputStream();
    }

    @Override
    public void setSoTimeout(int timeout) throws SocketException {
      socket.setSoTimeout(timeout);
    }

    @Override
    public int getSoTimeout() throws SocketException {
      return socket.getSoTimeout();
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
      return socket.getRemoteSocketAddress();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
      return socket.getLocalSocketAddress();
    }

    @Override
    public boolean isConnected() {
      return socket.isConnected();
    }

    @Override
    public boolean isBound() {
      return socket.isBound();
    }

    @Override
    public boolean isClosed() {
      return socket.isClosed();
    }

    @Override
    public boolean isInputShutdown() {
      return socket.isInputShutdown();
    }

    @Override
    public boolean isOutputShutdown() {
      return socket.isOutputShutdown();
    }

    @Override
    public synchronized void close() throws IOException {
      socket.close();
    }
  }
}
