package dev.ebb.operator;

import dev.ebb.operator.local.LocalCommand;
import dev.ebb.operator.simulate.SimulateCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ebb} command: {@code ebb operator} (the default), and the tools around it. */
@Command(name = "ebb", mixinStandardHelpOptions = true, version = "ebb 0.1.0",
    description = "Scales worker Deployments with their job queues.",
    subcommands = {OperatorCommand.class, LocalCommand.class, SimulateCommand.class})
public final class Ebb implements Callable<Integer> {

  public static void main(String[] args) {
    String[] effective = args.length == 0 ? new String[] {"operator"} : args;
    int code = new CommandLine(new Ebb()).execute(effective);
    if (code != 0) {
      System.exit(code);
    }
  }

  @Override
  public Integer call() {
    new CommandLine(this).usage(System.out);
    return 0;
  }
}
