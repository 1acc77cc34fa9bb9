package dev.ebb.operator.scaler.kafka;

import dev.ebb.operator.scaler.ScalerException;
import dev.ebb.operator.scaler.ScalerException.Kind;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidGroupIdException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Kafka's exceptions as the operator's failure kinds. Kafka's client retries a refused connection, a silent server
 * and one that is not Kafka alike until its timeout, so a timeout is told apart by a {@link KafkaProbe} of the
 * bootstrap servers. Details (for the log) name the exception, never a credential.
 */
final class KafkaFailures {

  private KafkaFailures() {
  }

  static ScalerException of(Throwable thrown, String display, String server, List<InetSocketAddress> addresses,
      Duration timeout, boolean tls, long deadlineNanos) {
    Throwable e = unwrap(thrown);
    String detail = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    if (e instanceof SslAuthenticationException) {
      return new ScalerException(Kind.PROTOCOL, display, server, "TLS handshake failed: " + detail, e);
    }
    if (e instanceof AuthenticationException) {
      return new ScalerException(Kind.AUTHENTICATION, display, server, detail, e);
    }
    if (e instanceof AuthorizationException) {
      return new ScalerException(Kind.AUTHENTICATION, display, server, "the user lacks an ACL: " + detail, e);
    }
    if (e instanceof UnknownTopicOrPartitionException || e instanceof InvalidTopicException
        || e instanceof InvalidGroupIdException) {
      return new ScalerException(Kind.PROTOCOL, display, server, detail, e);
    }
    if (e instanceof java.util.concurrent.TimeoutException
        || e instanceof org.apache.kafka.common.errors.TimeoutException) {
      return probed(display, server, addresses, timeout, tls, deadlineNanos, detail, e);
    }
    return new ScalerException(Kind.PROTOCOL, display, server, detail, e);
  }

  /** What a probe of the servers says about a poll that did not finish. */
  static ScalerException probed(String display, String server, List<InetSocketAddress> addresses, Duration timeout,
      boolean tls, long deadlineNanos, String detail, Throwable cause) {
    KafkaProbe.Verdict verdict = KafkaProbe.probe(addresses, timeout, tls, deadlineNanos);
    Kind kind = switch (verdict) {
      case UNREACHABLE -> Kind.UNREACHABLE;
      case NOT_KAFKA -> Kind.PROTOCOL;
      case SILENT, ANSWERS -> Kind.TIMEOUT;
    };
    return new ScalerException(kind, display, server, detail + " (probe: " + verdict + ")", cause);
  }

  /**
   * Whether the shared clients should be made again after this failure: yes when the server or the connection failed,
   * no when the broker answered about this pool's own topic or group (other pools share the clients).
   */
  static boolean concernsTheConnection(Throwable thrown) {
    Throwable e = unwrap(thrown);
    return !(e instanceof UnknownTopicOrPartitionException || e instanceof InvalidTopicException
        || e instanceof InvalidGroupIdException || e instanceof AuthorizationException);
  }

  private static Throwable unwrap(Throwable e) {
    Throwable current = e;
    while ((current instanceof ExecutionException || current instanceof CompletionException
        || (current.getClass() == KafkaException.class)) && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }
}
