package dev.ebb.worker.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebb.redis.RedisProcess;
import dev.ebb.worker.protocol.DeadLetter;
import dev.ebb.worker.protocol.Envelope;
import dev.ebb.worker.protocol.JobError;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;

/**
 * {@code kubectl ebb dead ...}: the plugin script reads the pool and its Secret through {@code kubectl} (here a
 * hand-written fake that answers like the API server and records what it was asked), then runs the worker jar
 * against a real Redis that requires the Secret's password. The real kubectl against a cluster is the e2e suite's.
 */
class KubectlPluginIT {

  @TempDir
  Path dir;

  @Test
  void deadListAndRetryThroughThePluginUseThePoolsAddressAndSecret() throws Exception {
    String password = "pw-" + System.nanoTime();
    try (RedisProcess redis = RedisProcess.startOnFreePort()) {
      try (RedisClient admin = RedisClient.builder().hostAndPort(new HostAndPort(redis.host(), redis.port()))
          .clientConfig(DefaultJedisClientConfig.builder().build()).build()) {
        admin.configSet("requirepass", password);
      }
      try (RedisClient authed = RedisClient.builder().hostAndPort(new HostAndPort(redis.host(), redis.port()))
          .clientConfig(DefaultJedisClientConfig.builder().password(password).build()).build()) {
        Envelope job = new Envelope("job-1", "mail", null, 1, 1, 3, 3, null, null, null, null);
        authed.lpush("ebb:{mailer}:dead".getBytes(StandardCharsets.UTF_8),
            job.dead(JobError.of("E", "smtp down"), 2, DeadLetter.MAX_ATTEMPTS).toBytes());

        Path calls = dir.resolve("kubectl-calls");
        fakeKubectl(redis.uri(), password, calls);
        JsonNode listed = Envelope.json().readTree(plugin("dead", "list", "mailer", "-n", "shop", "--json"));
        assertThat(listed).singleElement().satisfies(letter -> {
          assertThat(letter.path("id").asText()).isEqualTo("job-1");
          assertThat(letter.path("error").asText()).isEqualTo("smtp down");
        });
        assertThat(plugin("dead", "retry", "mailer", "--namespace", "shop", "--id", "job-1"))
            .contains("retried 1 of 1");
        assertThat(authed.llen("ebb:{mailer}:queue")).isEqualTo(1);
        assertThat(Files.readAllLines(calls)).containsExactly(
            "get workerpools.ebb.dev mailer -n shop -o jsonpath=" + JSONPATH, "get secret redis -n shop -o "
                + "jsonpath={.data.redis\\.password}",
            "get workerpools.ebb.dev mailer -n shop -o jsonpath=" + JSONPATH, "get secret redis -n shop -o "
                + "jsonpath={.data.redis\\.password}");
      }
    }
  }

  private static final String JSONPATH = "{.spec.queue.redis.address}{\"\\n\"}{.spec.queue.redis.queue}{\"\\n\"}"
      + "{.spec.queue.redis.passwordFrom.secretKeyRef.name}{\"\\n\"}{.spec.queue.redis.passwordFrom.secretKeyRef.key}"
      + "{\"\\n\"}";

  /** A kubectl that knows one pool, mailer in shop, whose password is in Secret redis, key redis.password. */
  private void fakeKubectl(String address, String password, Path calls) throws Exception {
    Path kubectl = dir.resolve("bin").resolve("kubectl");
    Files.createDirectories(kubectl.getParent());
    Files.writeString(kubectl, """
        #!/usr/bin/env bash
        echo "$*" >> '%s'
        case "$1 $2 $3" in
          "get workerpools.ebb.dev mailer") printf '%%s\\nmailer\\nredis\\nredis.password\\n' '%s' ;;
          "get secret redis") printf '%%s' '%s' ;;
          *) echo "Error from server (NotFound): $*" >&2; exit 1 ;;
        esac
        """.formatted(calls, address, Base64.getEncoder().encodeToString(password.getBytes(StandardCharsets.UTF_8))));
    Files.setPosixFilePermissions(kubectl, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private String plugin(String... args) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(concat(Path.of("kubectl-ebb").toAbsolutePath().toString(), args))
        .redirectError(ProcessBuilder.Redirect.INHERIT);
    Map<String, String> env = builder.environment();
    env.put("PATH", dir.resolve("bin") + ":" + Path.of(System.getProperty("java.home"), "bin") + ":"
        + env.get("PATH"));
    env.put("EBB_WORKER_JAR", Path.of("target", "ebb-worker.jar").toAbsolutePath().toString());
    env.remove("EBB_REDIS_URL");
    env.remove("EBB_QUEUE");
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(out).isZero();
    return out;
  }

  private static List<String> concat(String first, String... rest) {
    List<String> all = new java.util.ArrayList<>(List.of(first));
    all.addAll(List.of(rest));
    return all;
  }
}
