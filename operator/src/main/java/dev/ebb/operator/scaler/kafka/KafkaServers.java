package dev.ebb.operator.scaler.kafka;

import dev.ebb.operator.network.QueueNetworks;
import dev.ebb.operator.scaler.ScalerException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The brokers a pool names ({@code bootstrapServers}, host:port comma-separated), held against the networks the
 * operator may connect to before any client connects. Brokers that the cluster's metadata advertises are checked too,
 * once the metadata is read ({@link #checkAdvertised}): by then Kafka's client may have opened a connection to them.
 */
final class KafkaServers {

  private KafkaServers() {
  }

  record Server(String host, int port) {
  }

  static List<Server> parse(String bootstrapServers) {
    return Arrays.stream(bootstrapServers.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(s -> {
      int colon = s.lastIndexOf(':');
      return new Server(s.substring(0, colon), Integer.parseInt(s.substring(colon + 1)));
    }).toList();
  }

  /** Every bootstrap server resolved, or the failure: a name outside the networks, or none that resolves. */
  static List<InetSocketAddress> resolve(String bootstrapServers, QueueNetworks networks, String display)
      throws ScalerException {
    List<InetSocketAddress> resolved = new ArrayList<>();
    for (Server server : parse(bootstrapServers)) {
      InetAddress[] addresses;
      try {
        addresses = InetAddress.getAllByName(server.host());
      } catch (UnknownHostException e) {
        continue; // another bootstrap server may do; none at all is unreachable, below
      }
      refuseOutside(server.host(), addresses, networks, display, bootstrapServers);
      for (InetAddress address : addresses) {
        resolved.add(new InetSocketAddress(address, server.port()));
      }
    }
    if (resolved.isEmpty()) {
      throw new ScalerException(ScalerException.Kind.UNREACHABLE, display, bootstrapServers,
          "no bootstrap server name resolves", null);
    }
    return resolved;
  }

  /** A broker the metadata advertises, held to the same networks. */
  static void checkAdvertised(String host, QueueNetworks networks, String display, String bootstrapServers)
      throws ScalerException {
    if (networks.checksNothing()) {
      return;
    }
    try {
      refuseOutside(host, InetAddress.getAllByName(host), networks, display, bootstrapServers);
    } catch (UnknownHostException e) {
      throw new ScalerException(ScalerException.Kind.UNREACHABLE, display, bootstrapServers,
          "the advertised broker " + host + " does not resolve", e);
    }
  }

  private static void refuseOutside(String host, InetAddress[] addresses, QueueNetworks networks, String display,
      String bootstrapServers) throws ScalerException {
    List<InetAddress> outside = networks.outside(addresses);
    if (!outside.isEmpty()) {
      throw new ScalerException(ScalerException.Kind.ADDRESS_NOT_ALLOWED, display, bootstrapServers,
          host + " resolves to " + outside.stream().map(InetAddress::getHostAddress).toList() + ", outside "
              + QueueNetworks.SETTING, null);
    }
  }
}
