package dev.ebb.worker.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HandlerRegistryTest {

  /** A handler as an application would write it. */
  public static final class SendMail implements JobHandler {
    @Override
    public String type() {
      return "send-mail";
    }

    @Override
    public void handle(Job job) {
    }
  }

  private static HandlerRegistry registry(String spec) {
    return HandlerRegistry.fromSpec(spec, CompletionLog.NONE, HandlerRegistryTest.class.getClassLoader());
  }

  @Test
  void builtInsAreAlwaysThere() {
    assertThat(registry("").types()).containsExactly("demo", "noop");
  }

  @Test
  void classNamesRegisterUnderTheirOwnTypeAndTypeEqualsClassOverridesIt() {
    HandlerRegistry registry = registry(" dev.ebb.worker.job.HandlerRegistryTest$SendMail ,"
        + "mail-v2=dev.ebb.worker.job.HandlerRegistryTest$SendMail, demo=dev.ebb.worker.job.NoopHandler");
    assertThat(registry.types()).containsExactly("demo", "mail-v2", "noop", "send-mail");
    assertThat(registry.find("send-mail")).containsInstanceOf(SendMail.class);
    assertThat(registry.find("demo")).containsInstanceOf(NoopHandler.class);
    assertThat(registry.find("nope")).isEmpty();
  }

  @Test
  void badEntriesAreRefusedWithTheirName() {
    assertThatThrownBy(() -> registry("com.example.Missing")).hasMessageContaining("com.example.Missing");
    assertThatThrownBy(() -> registry("java.lang.String")).hasMessageContaining("does not implement JobHandler");
  }
}
