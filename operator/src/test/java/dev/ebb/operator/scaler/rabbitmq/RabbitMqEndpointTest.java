package dev.ebb.operator.scaler.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RabbitMqEndpointTest {

  @ParameterizedTest
  @CsvSource({
      "http://rabbitmq.shop.svc, false, rabbitmq.shop.svc, 15672, ''",
      "https://rabbitmq.shop.svc, true, rabbitmq.shop.svc, 15671, ''",
      "http://10.0.0.8:8080/rabbitmq/, false, 10.0.0.8, 8080, /rabbitmq",
      "https://mq.example:443/ops/rabbit, true, mq.example, 443, /ops/rabbit"})
  void managementAddressesTakeTheSchemesDefaultPortAndKeepTheirPrefix(String address, boolean tls, String host,
      int port, String prefix) {
    assertThat(RabbitMqEndpoint.management(address))
        .isEqualTo(new RabbitMqEndpoint(address, tls, host, port, prefix));
  }

  @ParameterizedTest
  @CsvSource({
      "amqp://rabbitmq.shop.svc, false, 5672",
      "amqps://rabbitmq.shop.svc, true, 5671",
      "amqp://rabbitmq.shop.svc:5673, false, 5673"})
  void amqpAddressesTakeTheSchemesDefaultPort(String address, boolean tls, int port) {
    assertThat(RabbitMqEndpoint.amqp(address))
        .isEqualTo(new RabbitMqEndpoint(address, tls, "rabbitmq.shop.svc", port, ""));
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://guest:guest@rabbitmq.shop.svc", "amqp://rabbitmq.shop.svc",
      "http://rabbitmq.shop.svc/?x=1", "rabbitmq.shop.svc:15672"})
  void refusesWhatIsNotAManagementAddress(String address) {
    assertThatThrownBy(() -> RabbitMqEndpoint.management(address)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("guest:guest");
  }

  @ParameterizedTest
  @ValueSource(strings = {"amqp://user:pw@rabbitmq.shop.svc", "amqp://rabbitmq.shop.svc/vhost",
      "http://rabbitmq.shop.svc"})
  void refusesWhatIsNotAnAmqpAddress(String address) {
    assertThatThrownBy(() -> RabbitMqEndpoint.amqp(address)).isInstanceOf(IllegalArgumentException.class);
  }
}
