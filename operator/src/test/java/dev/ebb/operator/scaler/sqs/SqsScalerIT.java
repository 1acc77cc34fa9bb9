package dev.ebb.operator.scaler.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ebb.api.v1alpha1.SecretKeyReference;
import dev.ebb.api.v1alpha1.SqsQueueSpec;
import dev.ebb.operator.network.QueueNetworks;
import dev.ebb.operator.scaler.BackendSettings;
import dev.ebb.operator.scaler.Credentials;
import dev.ebb.operator.TestingClock;
import dev.ebb.operator.scaler.QueueReading;
import dev.ebb.operator.scaler.QueueScaler;
import dev.ebb.operator.scaler.ScalerException;
import dev.ebb.operator.scaler.ScalerException.Kind;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The SQS scaler against a real SQS-compatible server (ElasticMQ, in this JVM on a free port), read through the AWS
 * SDK v2 with an endpoint override, and against servers that are not SQS.
 */
class SqsScalerIT {

  private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
  private static final Duration TIMEOUT = Duration.ofMillis(800);
  private static final String KEY_ID = "AKIAEBBTESTKEY";
  private static final String SECRET = "wJalrXUtnFEMI-never-printed-anywhere";
  private static final Credentials KEY = Credentials.of(Map.of(SqsBackend.ACCESS_KEY_ID, KEY_ID,
      SqsBackend.SECRET_ACCESS_KEY, SECRET));

  private static ElasticMq sqs;

  @BeforeAll
  static void startElasticMq() {
    sqs = ElasticMq.start();
  }

  @AfterAll
  static void stopElasticMq() {
    sqs.close();
  }

  @Test
  void readsVisibleInFlightAndDelayedMessagesExactly() throws Exception {
    String url = sqs.createQueue("mailer");
    for (int i = 0; i < 7; i++) {
      int n = i;
      sqs.client().sendMessage(b -> b.queueUrl(url).messageBody("job " + n));
    }
    List<Message> received = receive(url, 3);
    for (int i = 0; i < 2; i++) {
      sqs.client().sendMessage(b -> b.queueUrl(url).messageBody("later").delaySeconds(600));
    }

    try (SqsBackend backend = backend(QueueNetworks.anywhere());
        QueueScaler scaler = backend.create(block(url, sqs.endpoint()), KEY)) {
      assertThat(((SqsScaler) scaler).read()).isEqualTo(new SqsAttributes(4, 3, 2));

      QueueReading reading = scaler.measure();
      assertThat(reading.depth()).as("visible messages; delayed ones are not ready").isEqualTo(4);
      assertThat(reading.runningJobs()).as("received, not yet deleted").hasValue(3);
      assertThat(reading.oldestJobAge()).as("GetQueueAttributes gives no message age, and the queue was not seen empty")
          .isEmpty();
      assertThat(reading.processingTime()).isEmpty();
      assertThat(reading.enqueuedTotal()).isEmpty();
      assertThat(reading.completedTotal()).isEmpty();
      assertThat(reading.workers()).isEmpty();
      assertThat(reading.heartbeats()).isEqualTo(QueueReading.Heartbeats.NOT_KEPT);
      assertThat(reading.readAt()).isEqualTo(NOW);

      for (Message done : received) {
        sqs.client().deleteMessage(b -> b.queueUrl(url).receiptHandle(done.receiptHandle()));
      }
      assertThat(((SqsScaler) scaler).read()).as("deleted messages are done").isEqualTo(new SqsAttributes(4, 0, 2));
    }
  }

  @Test
  void anEmptyQueueReadsZeroAndIsNotAFailure() throws Exception {
    String url = sqs.createQueue("empty");
    try (SqsBackend backend = backend(QueueNetworks.anywhere());
        QueueScaler scaler = backend.create(block(url, sqs.endpoint()), KEY)) {
      QueueReading reading = scaler.measure();
      assertThat(reading.depth()).isZero();
      assertThat(reading.runningJobs()).hasValue(0);
    }
  }

  @Test
  void poolsOnTheSameEndpointRegionAndKeyShareOneClient() throws Exception {
    String url = sqs.createQueue("shared");
    Credentials otherKey = Credentials.of(Map.of(SqsBackend.ACCESS_KEY_ID, "AKIAOTHER",
        SqsBackend.SECRET_ACCESS_KEY, "other"));
    try (SqsBackend backend = backend(QueueNetworks.anywhere())) {
      QueueScaler first = backend.create(block(url, sqs.endpoint()), KEY);
      QueueScaler second = backend.create(block(url, sqs.endpoint()), KEY);
      assertThat(backend.openClients()).isEqualTo(1);
      QueueScaler third = backend.create(block(url, sqs.endpoint()), otherKey);
      assertThat(backend.openClients()).as("another key, another client").isEqualTo(2);
      assertThat(second.measure().depth()).isZero();

      first.close();
      second.close();
      assertThat(backend.openClients()).isEqualTo(1);
      third.close();
      assertThat(backend.openClients()).isZero();
    }
  }

  @Test
  void aQueueThatDoesNotExistIsAProtocolErrorThatSaysSo() {
    String url = sqs.endpoint() + "/" + ElasticMq.ACCOUNT + "/no-such-queue";

    ScalerException failure = failure(QueueNetworks.anywhere(), block(url, sqs.endpoint()), KEY);

    assertThat(failure.kind()).isEqualTo(Kind.PROTOCOL);
    assertThat(failure.publicMessage()).isEqualTo("SQS " + url + " via " + sqs.endpoint()
        + " has no such queue (ProtocolError)");
    assertNoSecret(failure);
  }

  @Test
  void anUnreachableServerIsUnreachable() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    String endpoint = "http://127.0.0.1:" + closedPort;

    ScalerException failure = failure(QueueNetworks.anywhere(),
        block(endpoint + "/" + ElasticMq.ACCOUNT + "/mailer", endpoint), KEY);

    assertThat(failure.kind()).isEqualTo(Kind.UNREACHABLE);
    assertThat(failure.publicMessage()).endsWith("cannot be reached (Unreachable)");
    assertNoSecret(failure);
  }

  @Test
  void aWebServerOnThePortIsAProtocolError() throws Exception {
    try (HostileHttp web = new HostileHttp(HostileHttp.Behaviour.WEB_PAGE)) {
      ScalerException failure = failure(QueueNetworks.anywhere(),
          block(web.endpoint() + "/" + ElasticMq.ACCOUNT + "/mailer", web.endpoint()), KEY);

      assertThat(failure.kind()).isEqualTo(Kind.PROTOCOL);
      assertThat(failure.publicMessage()).doesNotContain("It works");
      assertNoSecret(failure);
    }
  }

  @Test
  void anAnswerWithoutEndIsCutAtTheSizeLimit() throws Exception {
    try (HostileHttp endless = new HostileHttp(HostileHttp.Behaviour.ENDLESS)) {
      ScalerException failure = failure(QueueNetworks.anywhere(),
          block(endless.endpoint() + "/" + ElasticMq.ACCOUNT + "/mailer", endless.endpoint()), KEY);

      assertThat(failure.kind()).isEqualTo(Kind.PROTOCOL);
      assertThat(failure.getMessage()).contains("longer than " + ReplySizeLimit.MAX_BYTES + " bytes");
    }
  }

  @Test
  void aSilentServerTimesOutWithinThePollDeadline() throws Exception {
    try (HostileHttp silent = new HostileHttp(HostileHttp.Behaviour.SILENT)) {
      long start = System.nanoTime();
      ScalerException failure = failure(QueueNetworks.anywhere(),
          block(silent.endpoint() + "/" + ElasticMq.ACCOUNT + "/mailer", silent.endpoint()), KEY);
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(failure.kind()).isEqualTo(Kind.TIMEOUT);
      assertThat(failure.publicMessage()).endsWith("did not answer in time (Timeout)");
      assertThat(took).as("bounded by the poll deadline (3 x %s), not by the server", TIMEOUT)
          .isLessThan(TIMEOUT.multipliedBy(3).plusSeconds(2));
      assertNoSecret(failure);
    }
  }

  @Test
  void aServerThatDripsItsAnswerIsCutAtThePollDeadline() throws Exception {
    // one byte a second: each read is within the socket timeout, the whole call is not
    try (HostileHttp drip = new HostileHttp(HostileHttp.Behaviour.DRIP)) {
      long start = System.nanoTime();
      ScalerException failure = failure(QueueNetworks.anywhere(),
          block(drip.endpoint() + "/" + ElasticMq.ACCOUNT + "/mailer", drip.endpoint()), KEY);
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(failure.kind()).isEqualTo(Kind.TIMEOUT);
      assertThat(took).isLessThan(TIMEOUT.multipliedBy(3).plusSeconds(2));
    }
  }

  @Test
  void anAddressOutsideTheAllowedNetworksIsRefusedWithoutConnecting() throws Exception {
    try (HostileHttp server = new HostileHttp(HostileHttp.Behaviour.WEB_PAGE)) {
      ScalerException failure = failure(QueueNetworks.of(List.of("10.0.0.0/8")),
          block(server.endpoint() + "/" + ElasticMq.ACCOUNT + "/mailer", server.endpoint()), KEY);

      assertThat(failure.kind()).isEqualTo(Kind.ADDRESS_NOT_ALLOWED);
      assertThat(failure.getMessage()).contains("127.0.0.1").contains(QueueNetworks.SETTING);
      assertThat(server.accepted()).as("connections made to the refused server").isZero();
      assertNoSecret(failure);
    }
  }

  @Test
  void anAddressInsideTheAllowedNetworksIsRead() throws Exception {
    String url = sqs.createQueue("allowed");
    sqs.client().sendMessage(b -> b.queueUrl(url).messageBody("one"));
    try (SqsBackend backend = backend(QueueNetworks.of(List.of("127.0.0.0/8")));
        QueueScaler scaler = backend.create(block(url, sqs.endpoint()), KEY)) {
      assertThat(scaler.measure().depth()).isEqualTo(1);
    }
  }

  @Test
  void aSecretWithoutAValueIsRefusedCredentialsAndNothingIsSent() throws Exception {
    try (HostileHttp server = new HostileHttp(HostileHttp.Behaviour.WEB_PAGE)) {
      Credentials blankSecret = Credentials.of(Map.of(SqsBackend.ACCESS_KEY_ID, KEY_ID,
          SqsBackend.SECRET_ACCESS_KEY, " "));

      ScalerException failure = failure(QueueNetworks.anywhere(),
          block(server.endpoint() + "/" + ElasticMq.ACCOUNT + "/mailer", server.endpoint()), blankSecret);

      assertThat(failure.kind()).isEqualTo(Kind.AUTHENTICATION);
      assertThat(failure.publicMessage()).endsWith("refused the credentials (AuthenticationFailed)");
      assertThat(failure.getMessage()).contains(SqsBackend.SECRET_ACCESS_KEY);
      assertThat(server.accepted()).isZero();
    }
  }

  @Test
  void withoutAKeyAndWithoutAnIdentityOfItsOwnTheOperatorFailsAuthentication() throws Exception {
    // the SDK's own provider for the operator's identity, here one that finds nothing (no aws.accessKeyId property)
    assertThat(System.getProperty("aws.accessKeyId")).isNull();
    String url = sqs.createQueue("no-identity");
    SqsQueueSpec block = block(url, sqs.endpoint());
    block.setAccessKeyIdFrom(null);
    block.setSecretAccessKeyFrom(null);
    try (SqsBackend backend = new SqsBackend(settings(QueueNetworks.anywhere()),
        SystemPropertyCredentialsProvider.create());
        QueueScaler scaler = backend.create(block, Credentials.none())) {
      ScalerException failure = catchThrowableOfType(ScalerException.class, scaler::measure);

      assertThat(failure.kind()).isEqualTo(Kind.AUTHENTICATION);
      assertThat(failure.getMessage()).contains("the operator has no identity of its own");
    }
  }

  @Test
  void theOperatorsOwnIdentityIsNeverTheNodesInstanceRole() throws Exception {
    // the operator's chain (OperatorIdentity), with the instance metadata service's address pointed at a server that
    // counts connections: the SDK's default chain would ask it for the node's role, the operator's must not
    for (String variable : List.of("AWS_ACCESS_KEY_ID", "AWS_WEB_IDENTITY_TOKEN_FILE",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")) {
      assertThat(System.getenv(variable)).as("%s in the test's environment", variable).isNull();
    }
    String url = sqs.createQueue("node-role");
    SqsQueueSpec block = block(url, sqs.endpoint());
    block.setAccessKeyIdFrom(null);
    block.setSecretAccessKeyFrom(null);
    try (HostileHttp metadata = new HostileHttp(HostileHttp.Behaviour.WEB_PAGE)) {
      System.setProperty("aws.ec2MetadataServiceEndpoint", metadata.endpoint());
      try (SqsBackend backend = new SqsBackend(settings(QueueNetworks.anywhere()));
          QueueScaler scaler = backend.create(block, Credentials.none())) {
        ScalerException failure = catchThrowableOfType(ScalerException.class, scaler::measure);

        assertThat(failure.kind()).isEqualTo(Kind.AUTHENTICATION);
        assertThat(metadata.accepted()).as("connections to the instance metadata service").isZero();
      } finally {
        System.clearProperty("aws.ec2MetadataServiceEndpoint");
      }
    }
  }

  @Test
  void theOperatorsOwnIdentityReadsAPoolWithoutAKey() throws Exception {
    String url = sqs.createQueue("own-identity");
    sqs.client().sendMessage(b -> b.queueUrl(url).messageBody("one"));
    SqsQueueSpec block = block(url, sqs.endpoint());
    block.setAccessKeyIdFrom(null);
    block.setSecretAccessKeyFrom(null);
    System.setProperty("aws.accessKeyId", "AKIAOPERATOR");
    System.setProperty("aws.secretAccessKey", "operator");
    try (SqsBackend backend = new SqsBackend(settings(QueueNetworks.anywhere()),
        SystemPropertyCredentialsProvider.create());
        QueueScaler scaler = backend.create(block, Credentials.none())) {
      assertThat(backend.secretReferences(block)).isEmpty();
      assertThat(scaler.measure().depth()).isEqualTo(1);
    } finally {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
    }
  }

  @Test
  void theBackendNamesItsHostSecretsAndFormat() {
    try (SqsBackend backend = backend(QueueNetworks.anywhere())) {
      SqsQueueSpec aws = new SqsQueueSpec("https://sqs.eu-west-1.amazonaws.com/123456789012/mailer", "eu-west-1");
      aws.setAccessKeyIdFrom(new SecretKeyReference("sqs", "id"));
      aws.setSecretAccessKeyFrom(new SecretKeyReference("sqs", "secret"));

      assertThat(backend.displayName()).isEqualTo("SQS");
      assertThat(backend.hosts(aws)).containsExactly("sqs.eu-west-1.amazonaws.com");
      assertThat(backend.hosts(block("http://elasticmq:9324/000000000000/q", "http://10.1.2.3:9324/")))
          .as("the endpoint is where requests go").containsExactly("10.1.2.3");
      assertThat(backend.secretReferences(aws)).containsOnlyKeys("accessKeyIdFrom", "secretAccessKeyFrom");
      assertThat(backend.format(aws)).isEqualTo("sqs");
      assertThat(backend.describe(aws)).isEqualTo("queue https://sqs.eu-west-1.amazonaws.com/123456789012/mailer");
    }
  }

  private static List<Message> receive(String url, int count) {
    List<Message> received = new ArrayList<>();
    while (received.size() < count) {
      int want = count - received.size();
      received.addAll(sqs.client().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(want)).messages());
    }
    return received;
  }

  private static ScalerException failure(QueueNetworks networks, SqsQueueSpec block, Credentials credentials) {
    try (SqsBackend backend = backend(networks); QueueScaler scaler = backend.create(block, credentials)) {
      return catchThrowableOfType(ScalerException.class, scaler::measure);
    }
  }

  private static void assertNoSecret(ScalerException failure) {
    assertThat(failure).isNotNull();
    assertThat(failure.publicMessage()).doesNotContain(SECRET);
    assertThat(failure.getMessage()).doesNotContain(SECRET);
    for (Throwable t = failure.getCause(); t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).doesNotContain(SECRET);
    }
  }

  @Test
  void aBacklogNobodyTouchedAgesFromThePollThatFirstSawIt() throws Exception {
    String url = sqs.createQueue("untouched");
    TestingClock clock = new TestingClock(NOW);
    try (SqsBackend backend = new SqsBackend(new BackendSettings(TIMEOUT, 4, QueueNetworks.anywhere(), clock),
            SystemPropertyCredentialsProvider.create());
        QueueScaler scaler = backend.create(block(url, sqs.endpoint()), KEY)) {
      assertThat(scaler.measure().oldestJobAge()).as("empty").isEmpty();
      for (int i = 0; i < 5; i++) {
        int n = i;
        sqs.client().sendMessage(b -> b.queueUrl(url).messageBody("job " + n));
      }
      clock.advance(Duration.ofSeconds(5));
      assertThat(scaler.measure().oldestJobAge()).as("first seen").contains(Duration.ZERO);
      clock.advance(Duration.ofSeconds(5));
      assertThat(scaler.measure().oldestJobAge()).as("nobody took any").contains(Duration.ofSeconds(5));

      receive(url, 1);
      clock.advance(Duration.ofSeconds(5));
      QueueReading taken = scaler.measure();
      assertThat(taken.runningJobs()).hasValue(1);
      assertThat(taken.oldestJobAge()).as("a worker took one: the age is unknown again").isEmpty();
    }
  }

  static SqsBackend backend(QueueNetworks networks) {
    // no pool in these tests reaches the default credential chain: each names a key, or passes its own provider
    return new SqsBackend(settings(networks), SystemPropertyCredentialsProvider.create());
  }

  static BackendSettings settings(QueueNetworks networks) {
    return new BackendSettings(TIMEOUT, 4, networks, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  static SqsQueueSpec block(String queueUrl, String endpoint) {
    SqsQueueSpec block = new SqsQueueSpec(queueUrl, ElasticMq.REGION);
    block.setEndpoint(endpoint);
    block.setAccessKeyIdFrom(new SecretKeyReference("sqs", "accessKeyId"));
    block.setSecretAccessKeyFrom(new SecretKeyReference("sqs", "secretAccessKey"));
    return block;
  }
}
