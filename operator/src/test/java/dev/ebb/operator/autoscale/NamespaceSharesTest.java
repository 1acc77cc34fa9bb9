package dev.ebb.operator.autoscale;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NamespaceSharesTest {

  /** Runs nothing until told: the test decides when a poll ends. */
  private final List<Runnable> started = new ArrayList<>();
  private final List<String> ran = new ArrayList<>();

  @Test
  void aNamespaceHoldsAQuarterOfTheThreadsAndTheOthersKeepTheirs() {
    NamespaceShares shares = new NamespaceShares(8, started::add);
    for (int i = 0; i < 5; i++) {
      String name = "evil-" + i;
      shares.run("evil", () -> ran.add(name));
    }
    shares.run("shop", () -> ran.add("shop-0"));

    assertThat(shares.perNamespace()).isEqualTo(2);
    assertThat(started).as("two of evil's polls and shop's").hasSize(3);
  }

  @Test
  void aWaitingPollRunsWhenOneOfItsNamespaceEnds() {
    NamespaceShares shares = new NamespaceShares(4, started::add);
    shares.run("evil", () -> ran.add("evil-0"));
    shares.run("evil", () -> ran.add("evil-1"));
    assertThat(started).hasSize(1);

    started.get(0).run();
    assertThat(ran).containsExactly("evil-0");
    assertThat(started).as("the waiting poll took the place").hasSize(2);
    started.get(1).run();
    assertThat(ran).containsExactly("evil-0", "evil-1");

    shares.run("evil", () -> ran.add("evil-2"));
    assertThat(started).as("the place was free again").hasSize(3);
  }
}
