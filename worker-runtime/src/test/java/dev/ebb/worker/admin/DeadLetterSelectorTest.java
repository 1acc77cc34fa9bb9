package dev.ebb.worker.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeadLetterSelectorTest {

  private static DeadLetterEntry letter(String id, String type) {
    return DeadLetterEntry.of(("{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"attempt\":3,\"maxAttempts\":3,"
        + "\"reason\":\"max-attempts\"}").getBytes(StandardCharsets.UTF_8));
  }

  private static final DeadLetterEntry UNPARSEABLE = DeadLetterEntry.of(
      "{\"rawBase64\":\"//4=\",\"reason\":\"unparseable\"}".getBytes(StandardCharsets.UTF_8));

  @ParameterizedTest(name = "{0} selects {1}")
  @CsvSource(delimiter = '|', value = {
      "--all                  | a1/mail a2/sms b1/mail unparseable",
      "--type mail            | a1/mail b1/mail",
      "--id a2                | a2/sms",
      "--id a1 --id b1        | a1/mail b1/mail",
      "--id a1 --type sms     | ''",
      "--id a2 --type sms     | a2/sms",
      "--type nobody          | ''"})
  void selects(String args, String expected) {
    DeadLetterSelector selector = DeadLetterSelector.parse(Arrays.asList(args.trim().split("\\s+")));
    List<DeadLetterEntry> letters = List.of(letter("a1", "mail"), letter("a2", "sms"), letter("b1", "mail"),
        UNPARSEABLE);
    assertThat(letters.stream().filter(selector::matches)
        .map(l -> l.retryable() ? l.id() + "/" + l.type() : "unparseable").toList())
        .containsExactlyElementsOf(expected.isEmpty() ? List.of() : Arrays.asList(expected.split(" ")));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "''                 | say which dead letters",
      "--all --type mail  | --all selects every dead letter",
      "--id               | --id needs a value",
      "--ids a1           | unexpected argument '--ids'"})
  void refuses(String args, String message) {
    List<String> list = args.isEmpty() ? List.of() : Arrays.asList(args.trim().split("\\s+"));
    assertThatThrownBy(() -> DeadLetterSelector.parse(list)).hasMessageContaining(message);
  }
}
