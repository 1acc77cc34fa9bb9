package dev.ebb.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RedisProcessTest {

  @Test
  void answersPingAndKeepsItsPortAcrossARestart() throws IOException {
    try (RedisProcess redis = RedisProcess.startOnFreePort()) {
      assertThat(ping(redis)).isEqualTo("+PONG");
      int port = redis.port();

      redis.kill();
      assertThat(redis.isRunning()).isFalse();
      redis.start();

      assertThat(redis.port()).isEqualTo(port);
      assertThat(ping(redis)).isEqualTo("+PONG");
    }
  }

  private static String ping(RedisProcess redis) throws IOException {
    try (Socket socket = new Socket(redis.host(), redis.port())) {
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
    }
  }
}
