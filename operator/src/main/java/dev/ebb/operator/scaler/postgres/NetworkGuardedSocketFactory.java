package dev.ebb.operator.scaler.postgres;

import dev.ebb.operator.network.QueueNetworks;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.SocketFactory;

/**
 * The JDBC driver's socket factory (its {@code socketFactory} property): every socket refuses, before a packet is
 * sent, to connect to an address outside the backend's {@link QueueNetworks}. The driver resolves the host itself and
 * instantiates this class by name, with {@code socketFactoryArg} as the only argument, so a backend registers its
 * networks under an id and passes the id.
 */
public final class NetworkGuardedSocketFactory extends SocketFactory {

  private static final Map<String, QueueNetworks> REGISTERED = new ConcurrentHashMap<>();

  private final QueueNetworks networks;

  /** Called by the driver with the id {@link #register} gave; an unknown id refuses every address. */
  public NetworkGuardedSocketFactory(String id) {
    this.networks = id == null ? null : REGISTERED.get(id);
  }

  static String register(QueueNetworks networks) {
    String id = UUID.randomUUID().toString();
    REGISTERED.put(id, networks);
    return id;
  }

  static void unregister(String id) {
    REGISTERED.remove(id);
  }

  @Override
  public Socket createSocket() {
    return new GuardedSocket(networks);
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    Socket socket = createSocket();
    socket.connect(new InetSocketAddress(host, port));
    return socket;
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    Socket socket = createSocket();
    socket.bind(new InetSocketAddress(localHost, localPort));
    socket.connect(new InetSocketAddress(host, port));
    return socket;
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    Socket socket = createSocket();
    socket.connect(new InetSocketAddress(host, port));
    return socket;
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    Socket socket = createSocket();
    socket.bind(new InetSocketAddress(localAddress, localPort));
    socket.connect(new InetSocketAddress(address, port));
    return socket;
  }

  /** A plain socket whose connect checks the resolved address first. */
  private static final class GuardedSocket extends Socket {
    private final QueueNetworks networks;

    GuardedSocket(QueueNetworks networks) {
      this.networks = networks;
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
      if (!(endpoint instanceof InetSocketAddress address) || address.isUnresolved()) {
        throw new java.net.UnknownHostException(String.valueOf(endpoint));
      }
      if (networks == null) {
        throw new AddressNotAllowed(address.getAddress().getHostAddress() + " (no networks registered)");
      }
      List<InetAddress> outside = networks.outside(address.getAddress());
      if (!outside.isEmpty()) {
        throw new AddressNotAllowed(address.getAddress().getHostAddress() + " is outside " + QueueNetworks.SETTING);
      }
      super.connect(endpoint, timeout);
    }
  }

  /** The server's address is outside the allowed networks: nothing was sent to it. */
  static final class AddressNotAllowed extends IOException {
    AddressNotAllowed(String message) {
      super(message);
    }
  }
}
