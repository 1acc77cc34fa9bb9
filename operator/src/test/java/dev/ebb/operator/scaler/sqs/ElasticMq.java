package dev.ebb.operator.scaler.sqs;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A private ElasticMQ (the SQS-compatible server, {@code org.elasticmq:elasticmq-rest-sqs}) on a free loopback port,
 * in this JVM, with a real AWS SDK client to fill its queues. Stopped by {@link #close()}.
 *
 * <p>ElasticMQ checks no signature and no credential: any access key is accepted.
 */
final class ElasticMq implements AutoCloseable {

  static final String REGION = "elasticmq";
  static final String ACCOUNT = "000000000000";

  private final SQSRestServer server;
  private final int port;
  private final SqsClient client;
  private boolean stopped;

  private ElasticMq(SQSRestServer server, int port) {
    this.server = server;
    this.port = port;
    this.client = SqsClient.builder()
        .endpointOverride(URI.create(endpoint()))
        .region(Region.of(REGION))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("writer", "writer")))
        .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(10)).build())
        .build();
  }

  static ElasticMq start() {
    SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort()
        .withAWSRegion(REGION).withAWSAccountId(ACCOUNT).start();
    int port = server.waitUntilStarted().localAddress().getPort();
    return new ElasticMq(server, port);
  }

  String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  int port() {
    return port;
  }

  /** The SDK client the tests send, receive and delete with: the producer's and consumers' side. */
  SqsClient client() {
    return client;
  }

  /** Creates the queue (a visibility timeout long enough that received messages stay in flight) and gives its URL. */
  String createQueue(String name) {
    return client.createQueue(b -> b.queueName(name)
        .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "600"))).queueUrl();
  }

  /** Stops the server (once; a second call does nothing). */
  @Override
  public synchronized void close() {
    if (!stopped) {
      stopped = true;
      client.close();
      server.stopAndWait();
    }
  }
}
