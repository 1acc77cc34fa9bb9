package dev.ebb.operator.scaler.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import dev.ebb.api.v1alpha1.PrometheusQueueSpec;
import dev.ebb.operator.network.QueueNetworks;
import dev.ebb.operator.scaler.BackendSettings;
import dev.ebb.operator.scaler.Credentials;
import dev.ebb.operator.scaler.QueueReading;
import dev.ebb.operator.scaler.QueueScaler;
import dev.ebb.operator.scaler.ScalerException;
import dev.ebb.operator.scaler.ScalerException.Kind;
import dev.ebb.redis.RedisProcess;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The prometheus backend against a real Prometheus (Debian's 2.42) scraping a queue's exporter every second: each
 * figure is read exactly as its query returns it, and every way a query or a server can fail gives its own kind, in
 * time, with a public message that names the query's problem but never a credential or what the server said.
 */
class PrometheusScalerIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(1);
  private static final Duration DEADLINE = TIMEOUT.multipliedBy(3);
  private static final String PREFIX = "/prom";
  private static final String USER = "ebb";
  private static final String PASSWORD = "pw-" + UUID.randomUUID();
  private static final Credentials RIGHT = Credentials.of(Map.of("usernameFrom", USER, "passwordFrom", PASSWORD));

  private static QueueExporter exporter;
  private static PrometheusProcess prometheus;
  private static PrometheusProcess guarded;
  private static PrometheusBackend backend;

  @BeforeAll
  static void startPrometheus() throws IOException {
    exporter = new QueueExporter()
        .set("queue_depth{queue=\"mailer\"}", "42")
        .set("queue_depth{queue=\"reports\"}", "7")
        .set("queue_oldest_seconds{queue=\"mailer\"}", "17.5")
        .set("queue_running{queue=\"mailer\"}", "3")
        .set("queue_job_seconds{queue=\"mailer\"}", "0.35")
        .set("queue_broken", "NaN");
    prometheus = PrometheusProcess.start("open", List.of(exporter.target()), Map.of(), "");
    guarded = PrometheusProcess.start("basic-auth", List.of(exporter.target()), Map.of(USER, PASSWORD), PREFIX);
    backend = new PrometheusBackend(settings(QueueNetworks.anywhere()));
    // the first scrapes: a second or two after the start
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
        measure(spec(prometheus.address(""), "sum(queue_job_seconds)"), Credentials.none()).depth() == 0
            && measure(spec(guarded.address(PREFIX), "count(queue_depth)"), RIGHT).depth() == 2);
  }

  @AfterAll
  static void stopPrometheus() {
    if (backend != null) {
      backend.close();
    }
    if (guarded != null) {
      guarded.close();
    }
    if (prometheus != null) {
      prometheus.close();
    }
    if (exporter != null) {
      exporter.close();
    }
  }

  @Test
  void readsDepthOldestAgeRunningAndProcessingTimeExactlyAsTheQueriesReturnThem() throws Exception {
    PrometheusQueueSpec spec = spec(prometheus.address(""), "sum(queue_depth{queue=\"mailer\"})");
    spec.setOldestAgeQuery("max(queue_oldest_seconds{queue=\"mailer\"})");
    spec.setRunningQuery("sum(queue_running{queue=\"mailer\"})");
    spec.setProcessingTimeQuery("avg(queue_job_seconds{queue=\"mailer\"})");

    QueueReading reading = measure(spec, Credentials.none());

    assertThat(reading.depth()).isEqualTo(42);
    assertThat(reading.oldestJobAge()).contains(Duration.ofMillis(17_500));
    assertThat(reading.runningJobs()).isEqualTo(OptionalInt.of(3));
    assertThat(reading.processingTime()).contains(Duration.ofMillis(350));
    assertThat(reading.heartbeats()).isEqualTo(QueueReading.Heartbeats.NOT_KEPT);
    assertThat(reading.workers()).isEmpty();
    assertThat(reading.enqueuedTotal()).isEmpty();
    assertThat(reading.completedTotal()).isEmpty();
  }

  @Test
  void queriesThePoolLeavesOutAreNotReadAndTheirFiguresStayUnknown() throws Exception {
    QueueReading reading = measure(spec(prometheus.address(""), "sum(queue_depth)"), Credentials.none());

    assertThat(reading.depth()).isEqualTo(49);
    assertThat(reading.oldestJobAge()).isEmpty();
    assertThat(reading.runningJobs()).isEmpty();
    assertThat(reading.processingTime()).isEmpty();
  }

  @Test
  void theReadingFollowsTheExporterThroughPrometheus() throws Exception {
    PrometheusQueueSpec spec = spec(prometheus.address(""), "sum(queue_depth{queue=\"reports\"})");
    assertThat(measure(spec, Credentials.none()).depth()).isEqualTo(7);

    exporter.set("queue_depth{queue=\"reports\"}", "1200");
    try {
      await().atMost(Duration.ofSeconds(15)).until(() -> measure(spec, Credentials.none()).depth() == 1200);
    } finally {
      exporter.set("queue_depth{queue=\"reports\"}", "7");
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "scalar(sum(queue_depth)) | 49",
      "count(queue_depth) | 2",
      "vector(12.4) | 12",
      "vector(12.5) | 13"})
  void aScalarOrAOneSeriesVectorIsOneSampleAndACountRoundsToWholeJobs(String query, long depth) throws Exception {
    assertThat(measure(spec(prometheus.address(""), query), Credentials.none()).depth()).isEqualTo(depth);
  }

  static Stream<Arguments> queriesThatAreNotOneSample() {
    return Stream.of(
        argumentSet("a series that does not exist", "queue_depth{queue=\"nope\"}", "depthQuery returned no sample"),
        argumentSet("two series", "queue_depth", "depthQuery returned 2 series; aggregate it (sum(...))"),
        argumentSet("NaN", "queue_broken", "depthQuery returned a value that is not a finite number"),
        argumentSet("+Inf", "vector(1/0)", "depthQuery returned a value that is not a finite number"),
        argumentSet("-Inf", "-1/0", "depthQuery returned a value that is not a finite number"),
        argumentSet("a negative depth", "vector(-3)", "depthQuery returned a value that is negative"),
        argumentSet("a range vector", "queue_depth{queue=\"mailer\"}[1m]",
            "depthQuery returned a range vector, not one sample"),
        argumentSet("a string", "\"mailer\"", "depthQuery returned a result that is not a number"),
        argumentSet("invalid PromQL", "sum(queue_depth", "depthQuery was refused as invalid PromQL"));
  }

  @ParameterizedTest
  @MethodSource("queriesThatAreNotOneSample")
  void aQueryThatIsNotOneFiniteSampleIsAProtocolErrorNeverAnEmptyQueue(String query, String reason) {
    ScalerException failure = failure(spec(prometheus.address(""), query), Credentials.none());

    assertThat(failure.kind()).isEqualTo(Kind.PROTOCOL);
    assertThat(failure.publicMessage()).isEqualTo("Prometheus " + prometheus.address("")
        + " answered what the queue format does not allow (ProtocolError): " + reason);
  }

  @Test
  void theServersOwnErrorTextGoesToTheLogOnly() {
    ScalerException failure = failure(spec(prometheus.address(""), "sum(queue_depth"), Credentials.none());

    assertThat(failure.getMessage()).contains("errorType bad_data").contains("unclosed left parenthesis");
    assertThat(failure.publicMessage()).doesNotContain("parenthesis").doesNotContain("bad_data");
  }

  @Test
  void anOptionalQueryFailsThePollLikeTheDepthQuery() {
    PrometheusQueueSpec spec = spec(prometheus.address(""), "sum(queue_depth)");
    spec.setOldestAgeQuery("vector(4e12)"); // milliseconds since the epoch, not an age in seconds
    PrometheusQueueSpec running = spec(prometheus.address(""), "sum(queue_depth)");
    running.setRunningQuery("queue_running{queue=\"nope\"}");

    assertThat(failure(spec, Credentials.none()).publicMessage())
        .endsWith("oldestAgeQuery returned a value that is more than a century: is the unit seconds?");
    assertThat(failure(running, Credentials.none()).publicMessage()).endsWith("runningQuery returned no sample");
  }

  @Test
  void basicAuthUnderAPathPrefixReadsWithTheRightPasswordOnly() throws Exception {
    PrometheusQueueSpec spec = spec(guarded.address(PREFIX), "sum(queue_depth{queue=\"mailer\"})");
    String wrong = "wrong-" + UUID.randomUUID();

    assertThat(measure(spec, RIGHT).depth()).isEqualTo(42);
    ScalerException wrongPassword = failure(spec, Credentials.of(Map.of("usernameFrom", USER, "passwordFrom", wrong)));
    ScalerException none = failure(spec, Credentials.none());
    ScalerException bearer = failure(spec, Credentials.of(Map.of("bearerTokenFrom", PASSWORD)));

    for (ScalerException refused : List.of(wrongPassword, none, bearer)) {
      assertThat(refused.kind()).isEqualTo(Kind.AUTHENTICATION);
      assertThat(refused.publicMessage()).isEqualTo("Prometheus " + guarded.address(PREFIX)
          + " refused the credentials (AuthenticationFailed): depthQuery was not authorized");
      assertThat(refused.publicMessage() + refused.getMessage()).doesNotContain(PASSWORD).doesNotContain(wrong);
    }
  }

  @Test
  void theTenantIdIsSentAsXScopeOrgIdAsMimirAndCortexExpectIt() throws Exception {
    // a gateway in front of Prometheus, as Mimir's or Cortex's would be: it records the header and passes the query on
    List<String> tenants = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
    com.sun.net.httpserver.HttpServer gateway = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    gateway.createContext("/tenant-gateway/", exchange -> {
      tenants.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Scope-OrgID")));
      String path = exchange.getRequestURI().getRawPath().substring("/tenant-gateway".length());
      try {
        java.net.http.HttpResponse<byte[]> answer = client.send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create(prometheus.address("") + path + "?" + exchange.getRequestURI().getRawQuery())).build(),
            java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        exchange.sendResponseHeaders(answer.statusCode(), answer.body().length);
        exchange.getResponseBody().write(answer.body());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        exchange.close();
      }
    });
    gateway.start();
    try {
      PrometheusQueueSpec spec = spec("http://127.0.0.1:" + gateway.getAddress().getPort() + "/tenant-gateway/",
          "sum(queue_depth{queue=\"mailer\"})");
      spec.setTenantId("media|shop");

      assertThat(measure(spec, Credentials.none()).depth()).isEqualTo(42);
      assertThat(tenants).containsExactly("media|shop");
    } finally {
      gateway.stop(0);
    }
  }

  @Test
  void aClosedPortIsUnreachable() throws Exception {
    int closed = PrometheusProcess.freePort();

    ScalerException failure = failure(spec("http://127.0.0.1:" + closed, "sum(queue_depth)"), Credentials.none());

    assertThat(failure.kind()).isEqualTo(Kind.UNREACHABLE);
    assertThat(failure.publicMessage()).isEqualTo("Prometheus http://127.0.0.1:" + closed
        + " cannot be reached (Unreachable)");
  }

  @Test
  void aNameThatDoesNotResolveIsUnreachable() {
    ScalerException failure = failure(spec("http://no-such-host.invalid:9090", "sum(queue_depth)"),
        Credentials.none());

    assertThat(failure.kind()).isEqualTo(Kind.UNREACHABLE);
  }

  @Test
  void aServerThatIsNotPrometheusIsAProtocolError() throws Exception {
    try (RawServer ssh = new RawServer(RawServer.Behaviour.NOT_HTTP)) {
      ScalerException notHttp = failure(spec("http://127.0.0.1:" + ssh.port(), "sum(queue_depth)"),
          Credentials.none());
      ScalerException notTheApi = failure(spec(exporter.url(), "sum(queue_depth)"), Credentials.none());

      assertThat(notHttp.kind()).as(notHttp.getMessage()).isEqualTo(Kind.PROTOCOL);
      assertThat(notHttp.publicMessage()).endsWith("(ProtocolError): the answer to depthQuery is not HTTP");
      assertThat(notTheApi.kind()).isEqualTo(Kind.PROTOCOL);
      assertThat(notTheApi.publicMessage()).endsWith(
          "(ProtocolError): the answer to depthQuery is not the Prometheus API's; check the address and its path"
              + " prefix");
      assertThat(notTheApi.getMessage()).as("the log has the status").contains("HTTP 404");
    }
  }

  @Test
  void aServerThatClosesWithoutAnsweringIsUnreachable() throws Exception {
    // Redis drops a connection that sends HTTP headers ("Possible SECURITY ATTACK") without a byte of answer
    try (RedisProcess redis = RedisProcess.startOnFreePort()) {
      ScalerException dropped = failure(spec("http://127.0.0.1:" + redis.port(), "sum(queue_depth)"),
          Credentials.none());

      assertThat(dropped.kind()).as(dropped.getMessage()).isEqualTo(Kind.UNREACHABLE);
    }
  }

  @Test
  void aPathPrefixThatIsWrongIsAProtocolError() {
    ScalerException failure = failure(spec(guarded.address(""), "sum(queue_depth)"), RIGHT);

    assertThat(failure.kind()).isEqualTo(Kind.PROTOCOL);
  }

  @Test
  void aNameThatResolvesOutsideTheAllowedNetworksIsNeverConnectedTo() throws Exception {
    try (RawServer server = new RawServer(RawServer.Behaviour.SILENT);
        PrometheusBackend fenced = new PrometheusBackend(settings(QueueNetworks.of(List.of("10.0.0.0/8",
            "fd00::/8"))));
        QueueScaler scaler = fenced.create(spec("http://localhost:" + server.port(), "sum(queue_depth)"),
            Credentials.none())) {
      assertThatThrownBy(scaler::measure).isInstanceOfSatisfying(ScalerException.class, e -> {
        assertThat(e.kind()).isEqualTo(Kind.ADDRESS_NOT_ALLOWED);
        assertThat(e.publicMessage()).isEqualTo("Prometheus http://localhost:" + server.port()
            + " resolves to an address this operator may not connect to (AddressNotAllowed)");
        assertThat(e.getMessage()).as("the log says where it resolved").containsAnyOf("127.0.0.1", "0:0:0:0:0:0:0:1");
      });
      Thread.sleep(200);
      assertThat(server.accepted()).as("connections the server received").isZero();
    }
  }

  @Test
  void aNameThatResolvesInsideTheAllowedNetworksIsRead() throws Exception {
    try (PrometheusBackend fenced = new PrometheusBackend(settings(QueueNetworks.of(List.of("127.0.0.0/8",
        "::1/128"))));
        QueueScaler scaler = fenced.create(spec("http://localhost:" + prometheus.port(),
            "sum(queue_depth{queue=\"mailer\"})"), Credentials.none())) {
      assertThat(scaler.measure().depth()).isEqualTo(42);
    }
  }

  @Timeout(30)
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"SILENT, TIMEOUT", "DRIP, TIMEOUT", "HUGE, PROTOCOL"})
  void aHostileServerFailsThePollWithinItsDeadline(RawServer.Behaviour behaviour, Kind kind) throws Exception {
    try (RawServer server = new RawServer(behaviour)) {
      PrometheusQueueSpec spec = spec("http://127.0.0.1:" + server.port(), "sum(queue_depth)");
      spec.setOldestAgeQuery("max(queue_oldest_seconds)");
      spec.setRunningQuery("sum(queue_running)");
      long began = System.nanoTime();

      ScalerException failure = failure(spec, Credentials.none());

      Duration took = Duration.ofNanos(System.nanoTime() - began);
      assertThat(failure.kind()).isEqualTo(kind);
      assertThat(took).as("one poll, however many queries").isLessThan(DEADLINE.plusSeconds(1));
      if (behaviour == RawServer.Behaviour.HUGE) {
        assertThat(failure.publicMessage()).endsWith("the answer to depthQuery is larger than 1 MiB");
      } else {
        // a poll that gave up drops its connection: a slow server cannot collect the operator's connections
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
            assertThat(server.closedByClient()).as("connections closed by the operator").isEqualTo(server.accepted()));
      }
    }
  }

  @Test
  void poolsShareAClientPerServerAndCredentialAndLetItGoWhenTheLastCloses() {
    try (PrometheusBackend shared = new PrometheusBackend(settings(QueueNetworks.anywhere()))) {
      PrometheusQueueSpec mailer = spec(guarded.address(PREFIX), "sum(queue_depth{queue=\"mailer\"})");
      PrometheusQueueSpec reports = spec(guarded.address(PREFIX), "sum(queue_depth{queue=\"reports\"})");
      QueueScaler first = shared.create(mailer, RIGHT);
      QueueScaler second = shared.create(reports, RIGHT);
      assertThat(shared.openClients()).isEqualTo(1);
      QueueScaler other = shared.create(reports, Credentials.of(Map.of("bearerTokenFrom", "t")));
      assertThat(shared.openClients()).isEqualTo(2);

      first.close();
      second.close();
      other.close();

      assertThat(shared.openClients()).isZero();
    }
  }

  private static BackendSettings settings(QueueNetworks networks) {
    return new BackendSettings(TIMEOUT, 2, networks, Clock.systemUTC());
  }

  static PrometheusQueueSpec spec(String address, String depthQuery) {
    return new PrometheusQueueSpec(address, depthQuery);
  }

  private static QueueReading measure(PrometheusQueueSpec spec, Credentials credentials) throws ScalerException {
    try (QueueScaler scaler = backend.create(spec, credentials)) {
      return scaler.measure();
    }
  }

  private static ScalerException failure(PrometheusQueueSpec spec, Credentials credentials) {
    try (QueueScaler scaler = backend.create(spec, credentials)) {
      QueueReading reading = scaler.measure();
      throw new AssertionError("measured " + reading + " from " + spec.getAddress());
    } catch (ScalerException e) {
      assertThat(e.publicMessage()).as("public message").doesNotContain(PASSWORD);
      return e;
    }
  }

}
