package dev.ebb.operator.scaler.rabbitmq;

import java.net.URI;

/**
 * A RabbitMQ address as the pool writes it (the CRD's pattern already refused credentials, and so does this parser,
 * without echoing what it refuses): the management API's
 * http(s)://host[:port][/prefix] or the broker's amqp(s)://host[:port], with the scheme's default port filled in.
 *
 * @param address the address as written, for messages
 * @param tls https or amqps
 * @param pathPrefix the management API's path prefix, "" or "/prefix" without a trailing slash
 */
record RabbitMqEndpoint(String address, boolean tls, String host, int port, String pathPrefix) {

  static final int MANAGEMENT_PORT = 15672;
  static final int MANAGEMENT_TLS_PORT = 15671;
  static final int AMQP_PORT = 5672;
  static final int AMQP_TLS_PORT = 5671;

  static RabbitMqEndpoint management(String address) {
    URI uri = parse(address, "http", "https");
    boolean tls = "https".equals(uri.getScheme());
    String path = uri.getPath() == null ? "" : uri.getPath();
    String prefix = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return new RabbitMqEndpoint(address, tls, uri.getHost(), port(uri, tls ? MANAGEMENT_TLS_PORT : MANAGEMENT_PORT),
        prefix);
  }

  static RabbitMqEndpoint amqp(String address) {
    URI uri = parse(address, "amqp", "amqps");
    if (uri.getPath() != null && !uri.getPath().isEmpty()) {
      throw new IllegalArgumentException("an AMQP address names no virtual host here (set vhost instead)");
    }
    boolean tls = "amqps".equals(uri.getScheme());
    return new RabbitMqEndpoint(address, tls, uri.getHost(), port(uri, tls ? AMQP_TLS_PORT : AMQP_PORT), "");
  }

  private static URI parse(String address, String plain, String secure) {
    URI uri;
    try {
      uri = URI.create(address);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a RabbitMQ address (" + e.getClass().getSimpleName() + ")");
    }
    if (!plain.equals(uri.getScheme()) && !secure.equals(uri.getScheme())) {
      throw new IllegalArgumentException("a RabbitMQ address here starts with " + plain + ":// or " + secure + "://");
    }
    if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("a RabbitMQ address is scheme://host[:port], without credentials, query or"
          + " fragment");
    }
    return uri;
  }

  private static int port(URI uri, int byDefault) {
    return uri.getPort() < 0 ? byDefault : uri.getPort();
  }

  @Override
  public String toString() {
    return address;
  }
}
