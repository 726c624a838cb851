package io.bftvote.deploy;

import io.bftvote.cli.Main;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The CLI as picocli sees it, the single source of truth for what a deployment may ask of it:
 * commands, their options, and the environment variable each option falls back to
 * ({@code defaultValue = "${env:BFTVOTE_X:-default}"}).
 */
final class CliModel {
  private static final Pattern ENV_DEFAULT = Pattern.compile("\\$\\{env:([A-Z0-9_]+)(?::-(.*))?}");

  private final CommandLine main = uninterpolated();

  /** Variables left as written, so {@code ${env:X:-default}} can be read back. */
  private static CommandLine uninterpolated() {
    CommandLine cli = new CommandLine(new Main());
    cli.setInterpolateVariables(false);
    return cli;
  }

  Set<String> commands() {
    Set<String> names = new TreeSet<>(main.getSubcommands().keySet());
    names.remove("help");
    return names;
  }

  boolean hasCommand(String name) {
    return commands().contains(name);
  }

  CommandSpec command(String name) {
    CommandLine command = main.getSubcommands().get(name);
    if (command == null) {
      throw new IllegalArgumentException("the CLI has no command '" + name + "'; it has " + commands());
    }
    return command.getCommandSpec();
  }

  /** An option by any of its names ({@code --port}), or a positional parameter by its label ({@code URL}). */
  Optional<ArgSpec> argument(String command, String flagOrLabel) {
    CommandSpec spec = command(command);
    if (flagOrLabel.startsWith("-")) {
      return Optional.ofNullable(spec.findOption(flagOrLabel));
    }
    return spec.positionalParameters().stream()
        .filter(p -> p.paramLabel().equals(flagOrLabel))
        .map(p -> (ArgSpec) p)
        .findFirst();
  }

  /** Every environment variable the command reads, with the argument it configures. */
  Map<String, ArgSpec> environment(String command) {
    Map<String, ArgSpec> byVariable = new LinkedHashMap<>();
    CommandSpec spec = command(command);
    Stream.concat(spec.options().stream(), spec.positionalParameters().stream())
        .forEach(arg -> envVariable(arg).ifPresent(name -> {
          ArgSpec earlier = byVariable.putIfAbsent(name, arg);
          if (earlier != null) {
            throw new IllegalStateException(command + " reads " + name + " for two arguments: " + display(earlier)
                + " and " + display(arg));
          }
        }));
    return byVariable;
  }

  /** The environment variable the argument's default comes from, if any. */
  static Optional<String> envVariable(ArgSpec arg) {
    Matcher m = envDefault(arg);
    return m == null ? Optional.empty() : Optional.of(m.group(1));
  }

  /** The value used when neither the flag nor the variable is given: null when the code computes it. */
  static String fallback(ArgSpec arg) {
    Matcher m = envDefault(arg);
    if (m == null) {
      return arg.defaultValue();
    }
    return m.group(2);
  }

  /** {@code --port} for an option, {@code URL} for a positional parameter. */
  static String display(ArgSpec arg) {
    if (arg instanceof OptionSpec option) {
      return option.longestName();
    }
    return ((PositionalParamSpec) arg).paramLabel();
  }

  static List<String> names(ArgSpec arg) {
    if (arg instanceof OptionSpec option) {
      return List.of(option.names());
    }
    return List.of(((PositionalParamSpec) arg).paramLabel());
  }

  private static Matcher envDefault(ArgSpec arg) {
    String original = arg.defaultValue();
    if (original == null) {
      return null;
    }
    Matcher m = ENV_DEFAULT.matcher(original);
    return m.matches() ? m : null;
  }
}
