package org.gridpatrol.simulator;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code gridpatrol-simulator} command line: the demo patrol, the ingest load generator, the COPY ceiling. */
@Command(name = "gridpatrol-simulator", mixinStandardHelpOptions = true, version = "GridPatrol simulator 0.1.0",
    description = "Simulated handhelds and load for a GridPatrol node.",
    subcommands = {WalkCommand.class, LoadCommand.class, CopyCeilingCommand.class, FillHistoryCommand.class,
        LiveWatchCommand.class,
        FillCasesCommand.class, QueryLatencyCommand.class, CommandLine.HelpCommand.class})
public final class SimulatorMain implements Callable<Integer> {

  public static void main(String[] args) {
    CommandLine commandLine = new CommandLine(new SimulatorMain());
    // Bad option values surface as IllegalArgumentException: show the message, not a stack trace.
    commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
        cmd.getErr().println("Error: " + e.getMessage());
        return 2;
      }
      throw e;
    });
    System.exit(commandLine.execute(args));
  }

  @Override
  public Integer call() {
    new CommandLine(this).usage(System.out);
    return 0;
  }
}
