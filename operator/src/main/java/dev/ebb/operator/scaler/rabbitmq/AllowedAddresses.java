package dev.ebb.operator.scaler.rabbitmq;

import dev.ebb.operator.network.QueueNetworks;
import dev.ebb.operator.scaler.ScalerException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Holds a server's host against the networks queue servers may be in, before anything is sent to it: every address
 * the name resolves to must be inside. The JDK's HTTP client and the AMQP client resolve the name again when they
 * connect; the JVM's DNS cache (30 s) makes that the same answer but for a record that changes in between.
 */
final class AllowedAddresses {

  private AllowedAddresses() {
  }

  static void check(RabbitMqEndpoint endpoint, QueueNetworks networks) throws ScalerException {
    if (networks.checksNothing()) {
      return;
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(endpoint.host());
    } catch (UnknownHostException e) {
      throw new ScalerException(ScalerException.Kind.UNREACHABLE, RabbitMqBackend.NAME, endpoint.address(),
          "cannot resolve " + endpoint.host(), e);
    }
    List<InetAddress> outside = networks.outside(addresses);
    if (!outside.isEmpty()) {
      throw new ScalerException(ScalerException.Kind.ADDRESS_NOT_ALLOWED, RabbitMqBackend.NAME, endpoint.address(),
          endpoint.host() + " resolves to " + outside.stream().map(InetAddress::getHostAddress).toList()
              + ", outside " + QueueNetworks.SETTING, null);
    }
  }
}
