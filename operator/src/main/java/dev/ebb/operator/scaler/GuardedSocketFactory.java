package dev.ebb.operator.scaler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import redis.clients.jedis.DefaultJedisSocketFactory;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisSocketFactory;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * Jedis' own socket factory (timeouts, TLS), with every connection's input read through a {@link ReplyGuard}.
 */
final class GuardedSocketFactory implements JedisSocketFactory {

  private final DefaultJedisSocketFactory sockets;
  private final ReplyLimits limits;

  GuardedSocketFactory(HostAndPort server, JedisClientConfig config, ReplyLimits limits) {
    this.sockets = new DefaultJedisSocketFactory(server, config);
    this.limits = limits;
  }

  @Override
  public Socket createSocket() throws JedisConnectionException {
    return new GuardedSocket(sockets.createSocket(), limits);
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
