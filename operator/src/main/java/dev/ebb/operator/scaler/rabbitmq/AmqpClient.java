package dev.ebb.operator.scaler.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.MalformedFrameException;
import com.rabbitmq.client.PossibleAuthenticationFailureException;
import com.rabbitmq.client.ShutdownSignalException;
import dev.ebb.operator.scaler.BackendSettings;
import dev.ebb.operator.scaler.ScalerException;
import dev.ebb.operator.scaler.ScalerException.Kind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;

/**
 * One AMQP connection to a broker's virtual host, for one user (RabbitMQ's Java client; one connection carries every
 * pool's channels), opened when first needed and again after it dropped. Each poll opens a channel, declares the
 * queue passively (which creates nothing and changes nothing) and closes the channel, all within the poll deadline:
 * a poll past it aborts the connection, which the next poll opens afresh.
 */
final class AmqpClient implements AutoCloseable {

  /** The most frame bytes the broker may send: a passive declare's answer is a few dozen. */
  private static final int FRAME_MAX = 128 * 1024;
  /** How long an abort waits for the broker's close-ok. */
  private static final int ABORT_MILLIS = 100;

  private final RabbitMqEndpoint endpoint;
  private final BackendSettings settings;
  private final ConnectionFactory factory;
  private final ExecutorService polls = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "ebb-rabbitmq-amqp-poll");
    thread.setDaemon(true);
    return thread;
  });
  /** Held while a connection is opened, so that concurrent polls open one; never while aborting. */
  private final Object opening = new Object();
  private volatile Connection connection;

  AmqpClient(RabbitMqEndpoint endpoint, String vhost, String username, String password, BackendSettings settings) {
    this.endpoint = endpoint;
    this.settings = settings;
    int millis = (int) Math.min(Integer.MAX_VALUE, settings.timeout().toMillis());
    factory = new ConnectionFactory();
    factory.setHost(endpoint.host());
    factory.setPort(endpoint.port());
    factory.setVirtualHost(vhost);
    factory.setUsername(username);
    factory.setPassword(password);
    factory.setConnectionTimeout(millis);
    factory.setHandshakeTimeout(millis);
    factory.setChannelRpcTimeout(millis);
    factory.setShutdownTimeout(millis);
    factory.setRequestedFrameMax(FRAME_MAX);
    factory.setAutomaticRecoveryEnabled(false); // the next poll reconnects; recovery would retry in the background
    factory.setTopologyRecoveryEnabled(false);
    factory.setExceptionHandler(new QuietExceptionHandler());
    if (endpoint.tls()) {
      try {
        factory.useSslProtocol(SSLContext.getDefault()); // the JVM's trust store
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("this JVM has no default TLS context", e);
      }
      factory.enableHostnameVerification();
    }
  }

  /** The ready messages and consumers of the queue, from a passive {@code queue.declare}. */
  AMQP.Queue.DeclareOk declarePassive(String queue) throws ScalerException {
    CompletableFuture<AMQP.Queue.DeclareOk> poll = new CompletableFuture<>();
    polls.execute(() -> {
      try {
        poll.complete(declare(queue));
      } catch (Throwable e) {
        poll.completeExceptionally(e);
      }
    });
    try {
      return poll.get(settings.pollDeadline().toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      abort();
      throw failure(Kind.TIMEOUT, "no answer within the poll deadline " + settings.pollDeadline(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      abort();
      throw failure(Kind.TIMEOUT, "interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof ScalerException refused) {
        throw refused;
      }
      throw classify(cause, queue);
    }
  }

  private AMQP.Queue.DeclareOk declare(String queue) throws Exception {
    Connection open = connection();
    Channel channel = open.createChannel();
    try {
      return channel.queueDeclarePassive(queue);
    } finally {
      if (channel.isOpen()) { // a refused declare has closed the channel already
        channel.close();
      }
    }
  }

  private Connection connection() throws Exception {
    Connection open = connection;
    if (open != null && open.isOpen()) {
      return open;
    }
    synchronized (opening) {
      if (connection == null || !connection.isOpen()) {
        AllowedAddresses.check(endpoint, settings.networks());
        connection = factory.newConnection("ebb-operator");
      }
      return connection;
    }
  }

  /**
   * Drops the connection without waiting for the broker (a poll past its deadline aborts it, so that the next poll
   * opens a fresh one). A connection still being opened is not waited for: its own timeouts end it.
   */
  private void abort() {
    Connection open = connection;
    connection = null;
    if (open != null) {
      open.abort(ABORT_MILLIS);
    }
  }

  private ScalerException classify(Throwable e, String queue) {
    ShutdownSignalException shutdown = find(e, ShutdownSignalException.class);
    if (shutdown != null && shutdown.getReason() instanceof AMQP.Channel.Close close) {
      return switch (close.getReplyCode()) {
        case AMQP.NOT_FOUND -> new ManagementClient.QueueNotFound(endpoint, factory.getVirtualHost(), queue);
        case AMQP.ACCESS_REFUSED -> failure(Kind.AUTHENTICATION, "the user may not declare the queue: "
            + close.getReplyText(), e);
        default -> failure(Kind.PROTOCOL, "the channel was closed: " + close.getReplyText(), e);
      };
    }
    if (find(e, PossibleAuthenticationFailureException.class) != null) {
      return failure(Kind.AUTHENTICATION, "the broker refused the user's credentials", e);
    }
    if (shutdown != null && shutdown.getReason() instanceof AMQP.Connection.Close close) {
      // 530 NOT_ALLOWED: "access to vhost refused" or "vhost not found"
      return close.getReplyText().contains("refused")
          ? failure(Kind.AUTHENTICATION, "the broker refused the user the virtual host: " + close.getReplyText(), e)
          : failure(Kind.PROTOCOL, "the broker closed the connection: " + close.getReplyText(), e);
    }
    if (find(e, MalformedFrameException.class) != null || find(e, java.net.ProtocolException.class) != null) {
      return failure(Kind.PROTOCOL, "the server does not speak AMQP 0-9-1: " + root(e), e);
    }
    if (find(e, TimeoutException.class) != null || find(e, SocketTimeoutException.class) != null) {
      return failure(Kind.TIMEOUT, root(e), e);
    }
    if (find(e, ConnectException.class) != null || e instanceof IOException) {
      return failure(Kind.UNREACHABLE, root(e), e);
    }
    return failure(Kind.UNREACHABLE, root(e), e);
  }

  private static <T extends Throwable> T find(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  private static String root(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.toString();
  }

  private ScalerException failure(Kind kind, String detail, Throwable cause) {
    return new ScalerException(kind, RabbitMqBackend.NAME, endpoint.address(), detail, cause);
  }

  /**
   * The client's handler logs a dropped connection at ERROR with its stack; the next poll reports it (as its
   * {@link ScalerException}), so here it is a debug line.
   */
  private static final class QuietExceptionHandler extends com.rabbitmq.client.impl.ForgivingExceptionHandler {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AmqpClient.class);

    @Override
    public void handleUnexpectedConnectionDriverException(Connection conn, Throwable exception) {
      LOG.debug("AMQP connection to {} dropped: {}", conn.getAddress(), exception.toString());
    }
  }

  @Override
  public void close() {
    abort();
    polls.shutdownNow();
  }

}
