package dev.ebb.operator.scaler.prometheus;

import dev.ebb.operator.network.QueueNetworks;
import dev.ebb.operator.scaler.ScalerException;
import dev.ebb.operator.scaler.ScalerException.Kind;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ProtocolException;
import java.net.UnknownHostException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs instant queries for one pool against its server, each bounded: the resolved addresses are checked against
 * the allowed networks before anything is sent, a query waits at most until the poll's deadline (connect, headers and
 * body together), and an answer is read up to {@link #MAX_ANSWER_BYTES}. Failures become {@link ScalerException}s
 * whose public message names the server and a reason, never a credential or what the server said.
 */
final class InstantQueries implements AutoCloseable {

  /** The most of an answer kept: a one-sample answer is a few hundred bytes. */
  static final int MAX_ANSWER_BYTES = 1 << 20;

  private final PrometheusAddress address;
  private final PrometheusClients.Lease lease;
  private final Optional<String> authorization;
  private final Optional<String> tenantId;
  private final Duration timeout;
  private final QueueNetworks networks;

  InstantQueries(PrometheusAddress address, PrometheusClients.Lease lease, Optional<String> authorization,
      Optional<String> tenantId, Duration timeout, QueueNetworks networks) {
    this.address = address;
    this.lease = lease;
    this.authorization = authorization;
    this.tenantId = tenantId;
    this.timeout = timeout;
    this.networks = networks;
  }

  String server() {
    return address.toString();
  }

  /**
   * Refuses the server when its name resolves outside the allowed networks; nothing is sent to it. The client then
   * connects to the name, which the JVM's address cache answers as it just did here.
   */
  void checkAddress() throws ScalerException {
    if (networks.checksNothing()) {
      return;
    }
    InetAddress[] resolved;
    try {
      resolved = InetAddress.getAllByName(address.host());
    } catch (UnknownHostException e) {
      throw new ScalerException(Kind.UNREACHABLE, PrometheusBackend.DISPLAY_NAME, server(),
          "cannot resolve " + address.host(), e);
    }
    List<InetAddress> outside = networks.outside(resolved);
    if (!outside.isEmpty()) {
      throw new ScalerException(Kind.ADDRESS_NOT_ALLOWED, PrometheusBackend.DISPLAY_NAME, server(),
          address.host() + " resolves to " + outside.stream().map(InetAddress::getHostAddress).toList()
              + ", outside " + QueueNetworks.SETTING, null);
    }
  }

  /**
   * The one sample {@code promql} returns.
   *
   * @param field the pool's field that holds the query, as reasons name it
   * @param deadlineNanos the poll's deadline on {@link System#nanoTime()}
   */
  double sample(String field, String promql, long deadlineNanos) throws ScalerException {
    long remaining = deadlineNanos - System.nanoTime();
    boolean permitted;
    try {
      permitted = remaining > 0 && lease.inFlight().tryAcquire(remaining, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw timeout("interrupted while waiting for a connection", e);
    }
    if (!permitted) {
      throw timeout("no connection to the server was free before the poll's deadline", null);
    }
    try {
      HttpResponse<byte[]> response = send(request(promql, deadlineNanos), deadlineNanos, field);
      return InstantQueryAnswer.sample(response.statusCode(), response.body(), field, server());
    } finally {
      lease.inFlight().release();
    }
  }

  private HttpRequest request(String promql, long deadlineNanos) throws ScalerException {
    long remaining = deadlineNanos - System.nanoTime();
    if (remaining <= 0) {
      throw timeout("the poll's deadline passed before the query was sent", null);
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(address.instantQuery(promql))
        .timeout(Duration.ofNanos(Math.min(timeout.toNanos(), remaining)))
        .header("Accept", "application/json")
        .header("User-Agent", "ebb-operator")
        .GET();
    tenantId.ifPresent(value -> request.header("X-Scope-OrgID", value));
    if (authorization.isPresent()) {
      try {
        request.header("Authorization", authorization.get());
      } catch (IllegalArgumentException e) {
        // not chained: the JDK's message may quote the value
        throw new PrometheusQueryException(Kind.AUTHENTICATION, server(),
            "the credential holds characters an HTTP header cannot carry", "", null);
      }
    }
    return request.build();
  }

  private HttpResponse<byte[]> send(HttpRequest request, long deadlineNanos, String field) throws ScalerException {
    CompletableFuture<HttpResponse<byte[]>> answer = lease.client().sendAsync(request,
        BoundedBody.handler(MAX_ANSWER_BYTES));
    try {
      return answer.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      answer.cancel(true);
      throw timeout("no complete answer before the poll's deadline", e);
    } catch (InterruptedException e) {
      answer.cancel(true);
      Thread.currentThread().interrupt();
      throw timeout("interrupted while waiting for the answer", e);
    } catch (ExecutionException e) {
      throw classify(e.getCause() == null ? e : e.getCause(), field);
    }
  }

  private ScalerException classify(Throwable failure, String field) {
    String detail = failure.getClass().getSimpleName() + ": " + failure.getMessage();
    if (causedBy(failure, BoundedBody.TooLarge.class)) {
      return new PrometheusQueryException(Kind.PROTOCOL, server(), "the answer to " + field + " is larger than "
          + (MAX_ANSWER_BYTES >> 20) + " MiB", detail, failure);
    }
    if (causedBy(failure, HttpTimeoutException.class)) { // connect timeouts too (HttpConnectTimeoutException)
      return timeout(detail, failure);
    }
    if (causedBy(failure, ConnectException.class)) {
      return new ScalerException(Kind.UNREACHABLE, PrometheusBackend.DISPLAY_NAME, server(), detail, failure);
    }
    if (causedBy(failure, ProtocolException.class)) {
      // an answer that is not HTTP: another kind of server on the port
      return new PrometheusQueryException(Kind.PROTOCOL, server(), "the answer to " + field + " is not HTTP",
          detail, failure);
    }
    // refused, dropped, reset, or a TLS handshake that failed: nothing about the network goes public
    return new ScalerException(Kind.UNREACHABLE, PrometheusBackend.DISPLAY_NAME, server(), detail, failure);
  }

  private ScalerException timeout(String detail, Throwable cause) {
    return new ScalerException(Kind.TIMEOUT, PrometheusBackend.DISPLAY_NAME, server(), detail, cause);
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() {
    lease.close();
  }
}
