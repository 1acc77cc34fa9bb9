package dev.ebb.operator.scaler;

import java.net.URI;
import java.net.URISyntaxException;

/** A parsed {@code redis://host[:port][/db]} or {@code rediss://} address. */
public record RedisEndpoint(String host, int port, int database, boolean tls) {

  public static RedisEndpoint parse(String address) {
    try {
      URI uri = new URI(address);
      if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme())) {
        throw new IllegalArgumentException("a Redis address starts with redis:// or rediss://");
      }
      if (uri.getHost() == null) {
        throw new IllegalArgumentException("a Redis address needs a host");
      }
      String path = uri.getPath() == null ? "" : uri.getPath().replace("/", "");
      int database = path.isEmpty() ? 0 : Integer.parseInt(path);
      return new RedisEndpoint(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort(), database,
          "rediss".equals(uri.getScheme()));
    } catch (URISyntaxException | NumberFormatException e) {
      throw new IllegalArgumentException("not a Redis address: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return (tls ? "rediss://" : "redis://") + host + ":" + port + "/" + database;
  }
}
