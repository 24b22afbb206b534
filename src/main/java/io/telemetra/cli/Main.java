package io.telemetra.cli;

import io.telemetra.config.UsageException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code telemetra} command line: one class per subcommand, exit codes in {@link ExitCodes}.
 */
@Command(
    name = "telemetra",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Simulates Twitch streaming activity and produces it as JSON to Kafka.",
    subcommands = {
      ProduceCommand.class,
      ConsumeCommand.class,
      BrokerCommand.class,
      ValidateCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:failure at run time (validate: invalid input; consume --verify: mismatch)",
      "2:invalid usage (bad flag, variable or argument)",
      "3:Kafka unreachable, or the embedded broker's port is in use",
      "4:Kafka refused the credentials"
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    int code = run(args, System.getenv(), System.out, System.err);
    System.out.flush();
    System.exit(code);
  }

  /**
   * Runs a command line without exiting: for tests, which pass their own environment and streams.
   */
  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    CommandLine cl = commandLine(env, out, err);
    return cl.execute(args);
  }

  static CommandLine commandLine(Map<String, String> env, PrintStream out, PrintStream err) {
    CommandLine cl = new CommandLine(new Main(), new Factory(env, out, err));
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    // Arguments such as `validate chat @events.jsonl` name files the command reads itself.
    cl.setExpandAtFiles(false);
    cl.setParameterExceptionHandler(
        (ex, args) -> {
          ex.getCommandLine().getErr().println("telemetra: " + ex.getMessage());
          ex.getCommandLine()
              .getErr()
              .println(
                  "Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
          return ExitCodes.USAGE;
        });
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          if (ex instanceof UsageException) {
            commandLine.getErr().println("telemetra: " + ex.getMessage());
            return ExitCodes.USAGE;
          }
          commandLine.getErr().println("telemetra: unexpected error: " + ex);
          if (env.containsKey("TELEMETRA_DEBUG")) {
            ex.printStackTrace(commandLine.getErr());
          }
          return ExitCodes.RUNTIME;
        });
    ProduceCommand.addSettingOptions(cl.getSubcommands().get("produce").getCommandSpec());
    return cl;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Gives subcommands the environment and output streams (so tests can pass their own). */
  record Factory(Map<String, String> env, PrintStream out, PrintStream err)
      implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> cls) throws Exception {
      if (cls == ProduceCommand.class) {
        return cls.cast(new ProduceCommand(env, out, err));
      }
      if (cls == ConsumeCommand.class) {
        return cls.cast(new ConsumeCommand(env, out, err));
      }
      if (cls == BrokerCommand.class) {
        return cls.cast(new BrokerCommand(env));
      }
      if (cls == ValidateCommand.class) {
        return cls.cast(new ValidateCommand(out, () -> System.in));
      }
      return CommandLine.defaultFactory().create(cls);
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"telemetra " + (v == null ? "dev" : v)};
    }
  }
}
