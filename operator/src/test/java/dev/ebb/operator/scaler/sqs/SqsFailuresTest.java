package dev.ebb.operator.scaler.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import dev.ebb.operator.scaler.ScalerException;
import dev.ebb.operator.scaler.ScalerException.Kind;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * Which kind each of the AWS SDK's failures becomes. ElasticMQ checks no credential, so the codes AWS answers for a
 * refused key (InvalidClientTokenId, SignatureDoesNotMatch, ...) cannot be provoked in the ITs: they are proven here,
 * on the exceptions the SDK builds for them (the codes and statuses of AWS's SQS API reference), and the rest of the
 * table again against real servers in {@link SqsScalerIT}.
 */
class SqsFailuresTest {

  private static final String SERVER = "https://sqs.eu-west-1.amazonaws.com/123456789012/mailer";

  static Stream<Arguments> failures() {
    return Stream.of(
        argumentSet("a key AWS does not know", service(403, "InvalidClientTokenId"), Kind.AUTHENTICATION),
        argumentSet("a wrong secret", service(403, "SignatureDoesNotMatch"), Kind.AUTHENTICATION),
        argumentSet("a wrong key, JSON protocol", service(400, "UnrecognizedClientException"), Kind.AUTHENTICATION),
        argumentSet("an expired session", service(403, "ExpiredToken"), Kind.AUTHENTICATION),
        argumentSet("an identity the queue policy refuses", service(403, "AccessDenied"), Kind.AUTHENTICATION),
        argumentSet("the same, JSON protocol", service(400, "AccessDeniedException"), Kind.AUTHENTICATION),
        argumentSet("403 without a code", service(403, null), Kind.AUTHENTICATION),
        argumentSet("no credentials anywhere", SdkClientException.create("Unable to load credentials from any of the"
            + " providers in the chain AwsCredentialsProviderChain(...)"), Kind.AUTHENTICATION),
        argumentSet("a queue that is not there", QueueDoesNotExistException.builder().statusCode(400)
            .awsErrorDetails(details("QueueDoesNotExist")).build(), Kind.PROTOCOL),
        argumentSet("the query protocol's name for it", service(400, "AWS.SimpleQueueService.NonExistentQueue"),
            Kind.PROTOCOL),
        argumentSet("a parameter the server refuses", service(400, "InvalidAttributeName"), Kind.PROTOCOL),
        argumentSet("a 404 from something else", service(404, null), Kind.PROTOCOL),
        argumentSet("an answer that is not JSON", SdkClientException.create("Unable to unmarshall response (x)"),
            Kind.PROTOCOL),
        argumentSet("an answer over the size limit", client(new ReplySizeLimit.ReplyTooLarge(65536)), Kind.PROTOCOL),
        argumentSet("a service error", service(500, "InternalError"), Kind.UNREACHABLE),
        argumentSet("a busy service", service(503, "ServiceUnavailable"), Kind.UNREACHABLE),
        argumentSet("throttled", service(400, "RequestThrottled"), Kind.UNREACHABLE),
        argumentSet("connection refused", client(new ConnectException("Connection refused")), Kind.UNREACHABLE),
        argumentSet("a name that does not resolve", client(new UnknownHostException("sqs.example")), Kind.UNREACHABLE),
        argumentSet("a TLS handshake that fails", client(new SSLHandshakeException("bad certificate")),
            Kind.UNREACHABLE),
        argumentSet("a read timeout", client(new SocketTimeoutException("Read timed out")), Kind.TIMEOUT),
        argumentSet("the attempt's timeout", ApiCallAttemptTimeoutException.create(1000), Kind.TIMEOUT),
        argumentSet("the call's timeout", ApiCallTimeoutException.create(3000), Kind.TIMEOUT));
  }

  @ParameterizedTest
  @MethodSource("failures")
  void eachFailureHasItsKind(SdkException failure, Kind kind) {
    ScalerException classified = SqsFailures.classify(failure, SERVER);

    assertThat(classified.kind()).isEqualTo(kind);
    assertThat(classified.publicMessage()).startsWith("SQS " + SERVER + " ");
  }

  @Test
  void theServersTextStaysOutOfThePublicMessageAndItsCodeIsLogged() {
    SqsException refused = (SqsException) SqsException.builder().statusCode(403).message("The request signature we calculated does"
            + " not match the signature you provided. canonical string: GET /mailer")
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("SignatureDoesNotMatch")
            .errorMessage("The request signature we calculated does not match").build()).build();

    ScalerException classified = SqsFailures.classify(refused, SERVER);

    assertThat(classified.publicMessage()).isEqualTo("SQS " + SERVER + " refused the credentials"
        + " (AuthenticationFailed)");
    assertThat(classified.getMessage()).endsWith(": HTTP 403, error code SignatureDoesNotMatch")
        .doesNotContain("canonical");
  }

  @Test
  void aMissingQueueSaysSoInPublic() {
    ScalerException classified = SqsFailures.classify(service(400, "QueueDoesNotExist"), SERVER);

    assertThat(classified.kind()).isEqualTo(Kind.PROTOCOL);
    assertThat(classified.publicMessage()).isEqualTo("SQS " + SERVER + " has no such queue (ProtocolError)");
  }

  @Test
  void anErrorCodeIsLoggedOnlyAsShortPrintableText() {
    ScalerException classified = SqsFailures.classify(service(400, "Bad\nCode<script>" + "x".repeat(200)), SERVER);

    assertThat(classified.getMessage()).doesNotContain("\n").doesNotContain("<script>")
        .contains("Bad?Code?script?");
    assertThat(classified.getMessage().length()).isLessThan(SERVER.length() + 200);
  }

  private static SqsException service(int status, String code) {
    SqsException.Builder builder = SqsException.builder().statusCode(status).message("server text");
    if (code != null) {
      builder.awsErrorDetails(details(code));
    }
    return (SqsException) builder.build();
  }

  private static AwsErrorDetails details(String code) {
    return AwsErrorDetails.builder().errorCode(code).errorMessage("server text").build();
  }

  private static SdkClientException client(Throwable cause) {
    return SdkClientException.builder().message("Unable to execute HTTP request: " + cause.getMessage())
        .cause(cause).build();
  }
}
