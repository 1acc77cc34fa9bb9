package dev.ebb.operator.scaler.prometheus;

import dev.ebb.api.v1alpha1.PrometheusQueueSpec;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The base of a Prometheus HTTP API as a pool writes it: {@code http(s)://host[:port][/path-prefix]}, never with
 * credentials (the CRD's pattern refuses them, and so does {@link #parse}).
 */
record PrometheusAddress(String scheme, String host, int port, String pathPrefix) {

  private static final java.util.regex.Pattern FORM =
      java.util.regex.Pattern.compile(PrometheusQueueSpec.ADDRESS_PATTERN);

  static PrometheusAddress parse(String address) {
    if (address == null || !FORM.matcher(address).matches()) {
      throw new IllegalArgumentException("not an http(s)://host[:port][/path] address without credentials");
    }
    URI uri = URI.create(address);
    boolean tls = "https".equals(uri.getScheme());
    int port = uri.getPort() == -1 ? (tls ? 443 : 80) : uri.getPort();
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
    return new PrometheusAddress(uri.getScheme(), uri.getHost(), port, path);
  }

  /** Scheme, host and port: what an HTTP connection is made to. */
  String origin() {
    return scheme + "://" + host + ":" + port;
  }

  /** {@code GET <base>/api/v1/query?query=<promql>}: an instant query, evaluated by the server at its now. */
  URI instantQuery(String promql) {
    return URI.create(origin() + pathPrefix + "/api/v1/query?query=" + URLEncoder.encode(promql,
        StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return origin() + pathPrefix;
  }
}
