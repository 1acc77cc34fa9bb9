package dev.ebb.worker.config;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Where Redis is: parsed from {@code redis://[user[:password]@]host[:port][/db]} (or {@code rediss://} for TLS).
 * A password from {@code EBB_REDIS_PASSWORD} wins over one in the URL. {@link #toString()} never shows credentials.
 */
public record RedisAddress(String host, int port, int database, boolean tls, String user, String password) {

  public static RedisAddress parse(String url, String passwordOverride) {
    URI uri = URI.create(url);
    if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme())) {
      throw new IllegalArgumentException("Redis URL must start with redis:// or rediss://");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("Redis URL has no host");
    }
    String user = null;
    String password = null;
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = parts[0].isEmpty() ? null : decode(parts[0]);
      password = parts.length == 2 ? decode(parts[1]) : null;
    }
    if (passwordOverride != null && !passwordOverride.isEmpty()) {
      password = passwordOverride;
    }
    String path = uri.getPath() == null ? "" : uri.getPath().replace("/", "");
    if (!path.matches("\\d*")) {
      throw new IllegalArgumentException("Redis URL database must be a number, got '" + path + "'");
    }
    int database = path.isEmpty() ? 0 : Integer.parseInt(path);
    int port = uri.getPort() == -1 ? 6379 : uri.getPort();
    return new RedisAddress(uri.getHost(), port, database, "rediss".equals(uri.getScheme()), user, password);
  }

  /** The address without credentials, safe to log. */
  @Override
  public String toString() {
    return (tls ? "rediss://" : "redis://") + host + ":" + port + "/" + database
        + (password != null ? " (with password)" : "");
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}
