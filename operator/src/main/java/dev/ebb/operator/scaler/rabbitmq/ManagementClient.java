package dev.ebb.operator.scaler.rabbitmq;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ebb.operator.scaler.BackendSettings;
import dev.ebb.operator.scaler.ScalerException;
import dev.ebb.operator.scaler.ScalerException.Kind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The management HTTP API of one server, for one user: the JDK's HTTP client (no redirects followed; connect and
 * request timeouts), at most {@code connectionsPerServer} requests at once, every answer bounded in size
 * ({@link BoundedBody}) and every poll in time (the poll deadline, body included). The user's credentials live in
 * this object only, as the Basic authorization header, and are never printed.
 */
final class ManagementClient implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final RabbitMqEndpoint endpoint;
  private final String authorization;
  private final BackendSettings settings;
  private final HttpClient http;
  private final Semaphore requests;

  ManagementClient(RabbitMqEndpoint endpoint, String username, String password, BackendSettings settings) {
    this.endpoint = endpoint;
    this.authorization = "Basic " + Base64.getEncoder().encodeToString(
        (username + ":" + password).getBytes(StandardCharsets.UTF_8));
    this.settings = settings;
    this.http = HttpClient.newBuilder()
        .connectTimeout(settings.timeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .version(HttpClient.Version.HTTP_1_1)
        .build();
    this.requests = new Semaphore(Math.max(1, settings.connectionsPerServer()));
  }

  /** The queue's figures: {@code GET /api/queues/{vhost}/{queue}} with the columns Ebb reads. */
  ManagementQueueStats queue(String vhost, String queue) throws ScalerException {
    AllowedAddresses.check(endpoint, settings.networks());
    long deadline = System.nanoTime() + settings.pollDeadline().toNanos();
    boolean acquired;
    try {
      acquired = requests.tryAcquire(settings.timeout().toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure(Kind.TIMEOUT, "interrupted while waiting for a connection", e);
    }
    if (!acquired) {
      throw failure(Kind.TIMEOUT, "all " + settings.connectionsPerServer() + " connections were busy for "
          + settings.timeout(), null);
    }
    try {
      HttpResponse<byte[]> response = send(uri(vhost, queue), deadline);
      return answer(response, vhost, queue);
    } finally {
      requests.release();
    }
  }

  private HttpResponse<byte[]> send(URI uri, long deadline) throws ScalerException {
    HttpRequest request = HttpRequest.newBuilder(uri)
        .timeout(settings.timeout())
        .header("Authorization", authorization)
        .header("Accept", "application/json")
        .GET()
        .build();
    CompletableFuture<HttpResponse<byte[]>> future = http.sendAsync(request, info -> info.statusCode() == 200
        ? new BoundedBody(BoundedBody.LIMIT) : HttpResponse.BodySubscribers.replacing(new byte[0]));
    try {
      return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw failure(Kind.TIMEOUT, "no whole answer within the poll deadline " + settings.pollDeadline(), e);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw failure(Kind.TIMEOUT, "interrupted", e);
    } catch (CancellationException e) {
      throw failure(Kind.TIMEOUT, "the request was cancelled", e);
    } catch (ExecutionException e) {
      throw classify(e.getCause() == null ? e : e.getCause());
    }
  }

  private ManagementQueueStats answer(HttpResponse<byte[]> response, String vhost, String queue)
      throws ScalerException {
    int status = response.statusCode();
    if (status == 401 || status == 403) {
      throw failure(Kind.AUTHENTICATION, "HTTP " + status + " for the user's credentials", null);
    }
    if (status == 404) {
      throw new QueueNotFound(endpoint, vhost, queue);
    }
    if (status == 502 || status == 503 || status == 504) {
      throw failure(Kind.UNREACHABLE, "HTTP " + status + ": the server is unavailable", null);
    }
    if (status != 200) {
      throw failure(Kind.PROTOCOL, "HTTP " + status + " where the management API answers 200", null);
    }
    try {
      return ManagementQueueStats.parse(JSON.readTree(response.body()));
    } catch (JsonProcessingException e) {
      throw failure(Kind.PROTOCOL, "the answer is not JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw failure(Kind.PROTOCOL, "the answer is not JSON", e);
    } catch (IllegalArgumentException e) {
      throw failure(Kind.PROTOCOL, e.getMessage(), e);
    }
  }

  private ScalerException classify(Throwable cause) {
    if (cause instanceof HttpTimeoutException) {
      return failure(Kind.TIMEOUT, cause.toString(), cause);
    }
    if (cause instanceof ConnectException) {
      return failure(Kind.UNREACHABLE, cause.toString(), cause);
    }
    if (cause instanceof BoundedBody.TooLarge || cause instanceof ProtocolException || notHttp(cause)) {
      return failure(Kind.PROTOCOL, cause.getMessage(), cause);
    }
    return failure(Kind.UNREACHABLE, cause.toString(), cause);
  }

  /**
   * The JDK's client read bytes that are not an HTTP response before the server hung up (an AMQP port answers its
   * protocol header and closes): its parser says so in the message of a plain IOException.
   */
  private static boolean notHttp(Throwable cause) {
    return cause instanceof IOException && cause.getMessage() != null
        && cause.getMessage().startsWith("parsing HTTP/1.1 status line, receiving [");
  }

  private URI uri(String vhost, String queue) {
    return URI.create((endpoint.tls() ? "https" : "http") + "://" + endpoint.host() + ":" + endpoint.port()
        + endpoint.pathPrefix() + "/api/queues/" + segment(vhost) + "/" + segment(queue)
        + "?columns=" + ManagementQueueStats.COLUMNS);
  }

  /** A path segment, every reserved character escaped: the default vhost "/" is %2F. */
  private static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private ScalerException failure(Kind kind, String detail, Throwable cause) {
    return new ScalerException(kind, RabbitMqBackend.NAME, endpoint.address(), detail, cause);
  }

  @Override
  public void close() {
    // the JDK 17 HttpClient has no close: its connections end with it when it is unreachable
  }

  /** The management API has no such queue in the vhost (or the address is not the management API). */
  static final class QueueNotFound extends ScalerException {
    private final String publicMessage;

    QueueNotFound(RabbitMqEndpoint endpoint, String vhost, String queue) {
      super(Kind.PROTOCOL, RabbitMqBackend.NAME, endpoint.address(), "HTTP 404 for queue '" + queue + "' in vhost '"
          + vhost + "'", null);
      this.publicMessage = RabbitMqBackend.NAME + " " + endpoint.address() + " has no queue '" + queue
          + "' in vhost '" + vhost + "' (" + Kind.PROTOCOL.reason() + ")";
    }

    @Override
    public String publicMessage() {
      return publicMessage;
    }
  }
}
