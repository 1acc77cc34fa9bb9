package dev.ebb.operator.scaler.sqs;

import dev.ebb.operator.scaler.ScalerException;
import dev.ebb.operator.scaler.ScalerException.Kind;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Set;
import javax.net.ssl.SSLException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * Turns the AWS SDK's exceptions into {@link ScalerException}s with a kind. Pure. The detail (for the operator's log)
 * names the error code SQS answered, never its message text or a credential; the public message is the fixed
 * sentence of the kind, except for a queue that does not exist, which says so.
 */
final class SqsFailures {

  /** Error codes for credentials SQS does not accept, or an identity the queue's policy does not let read it. */
  static final Set<String> AUTHENTICATION_CODES = Set.of("InvalidClientTokenId", "SignatureDoesNotMatch",
      "IncompleteSignature", "InvalidAccessKeyId", "UnrecognizedClientException", "MissingAuthenticationToken",
      "InvalidSecurity", "ExpiredToken", "ExpiredTokenException", "RequestExpired", "AccessDenied",
      "AccessDeniedException", "AuthFailure", "InvalidSignatureException", "KmsAccessDenied");
  /** Error codes of a queue that is not there (the JSON protocol's and the query protocol's names). */
  static final Set<String> MISSING_QUEUE_CODES = Set.of("QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue");
  /** Error codes of a busy or failing service: it may answer the next poll. */
  static final Set<String> UNAVAILABLE_CODES = Set.of("ServiceUnavailable", "InternalFailure", "InternalError",
      "Throttling", "ThrottlingException", "RequestThrottled", "RequestThrottledException");

  static final String DISPLAY_NAME = "SQS";

  private SqsFailures() {
  }

  static ScalerException classify(SdkException e, String server) {
    if (e instanceof AwsServiceException service) {
      return service(service, server);
    }
    if (causedBy(e, ReplySizeLimit.ReplyTooLarge.class)) {
      return failure(Kind.PROTOCOL, server, "the answer is longer than " + ReplySizeLimit.MAX_BYTES + " bytes", e);
    }
    if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException
        || causedBy(e, SocketTimeoutException.class) || causedBy(e, InterruptedIOException.class)) {
      return failure(Kind.TIMEOUT, server, "no answer in time: " + rootDescription(e), e);
    }
    if (causedBy(e, UnknownHostException.class) || causedBy(e, ConnectException.class)
        || causedBy(e, NoRouteToHostException.class) || causedBy(e, SSLException.class)
        || causedBy(e, SocketException.class)) {
      return failure(Kind.UNREACHABLE, server, rootDescription(e), e);
    }
    String message = e.getMessage() == null ? "" : e.getMessage();
    if (message.startsWith("Unable to load credentials")) {
      // the default chain found no identity: no Secret named, and no IRSA or Pod Identity for the operator
      return failure(Kind.AUTHENTICATION, server, "no AWS credentials: the pool names no access key and the"
          + " operator has no identity of its own (no IRSA, no EKS Pod Identity, no AWS_ACCESS_KEY_ID)", e);
    }
    if (message.startsWith("Unable to unmarshall") || message.startsWith("Unable to parse")
        || causedBy(e, java.io.IOException.class)) {
      return failure(Kind.PROTOCOL, server, "an answer that is not SQS's: " + rootDescription(e), e);
    }
    return failure(Kind.UNREACHABLE, server, rootDescription(e), e);
  }

  /** An HTTP answer with an error: SQS's own code decides, else the status. */
  private static ScalerException service(AwsServiceException e, String server) {
    String code = e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? ""
        : e.awsErrorDetails().errorCode();
    int status = e.statusCode();
    String detail = "HTTP " + status + (code.isEmpty() ? "" : ", error code " + printable(code));
    if (e instanceof QueueDoesNotExistException || MISSING_QUEUE_CODES.contains(code)) {
      return new MissingQueue(server, detail, e);
    }
    if (AUTHENTICATION_CODES.contains(code) || status == 401 || status == 403) {
      return failure(Kind.AUTHENTICATION, server, detail, e);
    }
    if (UNAVAILABLE_CODES.contains(code) || status >= 500 || status == 429) {
      return failure(Kind.UNREACHABLE, server, detail, e);
    }
    return failure(Kind.PROTOCOL, server, detail, e);
  }

  static ScalerException failure(Kind kind, String server, String detail, Throwable cause) {
    return new ScalerException(kind, DISPLAY_NAME, server, detail, cause);
  }

  /** An error code is the server's text: keep it short and printable in the log. */
  private static String printable(String code) {
    String kept = code.replaceAll("[^A-Za-z0-9._:-]", "?");
    return kept.length() > 80 ? kept.substring(0, 80) + "..." : kept;
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  /** The innermost exception's type: its message may carry the server's text, so only the type is logged. */
  private static String rootDescription(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + " <- "
        + root.getClass().getSimpleName();
  }

  /** The queue URL names no queue on the server: the pool's author can fix that, so the public message says it. */
  static final class MissingQueue extends ScalerException {

    private final String publicMessage;

    MissingQueue(String server, String detail, Throwable cause) {
      super(Kind.PROTOCOL, DISPLAY_NAME, server, "no such queue (" + detail + ")", cause);
      this.publicMessage = DISPLAY_NAME + " " + server + " has no such queue (" + Kind.PROTOCOL.reason() + ")";
    }

    @Override
    public String publicMessage() {
      return publicMessage;
    }
  }
}
