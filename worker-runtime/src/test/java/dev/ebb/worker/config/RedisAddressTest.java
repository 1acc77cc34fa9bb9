package dev.ebb.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RedisAddressTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(nullValues = "-", value = {
      // url,                                  host,        port, db, tls,   user, password, shown as
      "redis://127.0.0.1:6379/0,               127.0.0.1,   6379, 0,  false, -,    -,        redis://127.0.0.1:6379/0",
      "redis://redis.shop.svc,                 redis.shop.svc, 6379, 0, false, -, -,      redis://redis.shop.svc:6379/0",
      "redis://redis:6380/3,                   redis,       6380, 3,  false, -,    -,        redis://redis:6380/3",
      "rediss://cache.example.com:6380/1,      cache.example.com, 6380, 1, true, -, -,      rediss://cache.example.com:6380/1",
      "redis://:p%40ss@redis:6379/0,           redis,       6379, 0,  false, -,    p@ss,     redis://redis:6379/0 (with password)",
      "redis://app:secret@redis/2,             redis,       6379, 2,  false, app,  secret,   redis://redis:6379/2 (with password)",
  })
  void parses(String url, String host, int port, int db, boolean tls, String user, String password, String shown) {
    RedisAddress address = RedisAddress.parse(url, null);
    assertThat(address.host()).isEqualTo(host);
    assertThat(address.port()).isEqualTo(port);
    assertThat(address.database()).isEqualTo(db);
    assertThat(address.tls()).isEqualTo(tls);
    assertThat(address.user()).isEqualTo(user);
    assertThat(address.password()).isEqualTo(password);
    assertThat(address.toString()).isEqualTo(shown);
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://redis:6379", "redis:///0", "redis://redis:6379/x"})
  void rejects(String url) {
    assertThatThrownBy(() -> RedisAddress.parse(url, null)).isInstanceOf(IllegalArgumentException.class);
  }
}
