package io.bftvote.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.deploy.ConfigurationTable.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.ArgSpec;

/** The configuration table of docs/configuration.md says exactly what the CLI does. */
class ConfigurationTableTest {
  private static final List<String> SERVER_COMMANDS = List.of("broker", "replica", "gateway", "tally");

  private final CliModel cli = new CliModel();
  private final List<Row> rows = ConfigurationTable.rows();

  @Test
  void theTableDocumentsEveryServerComponent() {
    for (String command : SERVER_COMMANDS) {
      assertTrue(rows.stream().anyMatch(r -> r.commands().contains(command)), "no row for " + command);
    }
  }

  @Test
  void everyDocumentedOptionIsAcceptedByEachCommandItNames() {
    List<String> problems = new ArrayList<>();
    for (Row row : rows) {
      for (String command : row.commands()) {
        if (!cli.hasCommand(command)) {
          problems.add(row + ": the CLI has no command '" + command + "'");
        } else if (cli.argument(command, row.option()).isEmpty()) {
          problems.add(row + ": '" + command + "' has no option " + row.option());
        }
      }
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void eachDocumentedVariableIsWhereThatOptionTakesItsDefaultFrom() {
    List<String> problems = new ArrayList<>();
    forEachDocumentedArgument((row, command, arg) -> {
      Optional<String> read = CliModel.envVariable(arg);
      if (!read.equals(Optional.of(row.variable()))) {
        problems.add(row + " on " + command + ": documented " + row.variable() + ", the CLI reads " + read.orElse("none"));
      }
    });
    assertEquals(List.of(), problems);
  }

  @Test
  void documentedDefaultsAreTheCliDefaults() {
    List<String> problems = new ArrayList<>();
    forEachDocumentedArgument((row, command, arg) -> {
      String fallback = CliModel.fallback(arg);
      if (fallback == null) {
        return; // computed in code (8100+ID, the broker's default, ...): the table describes it in words
      }
      String expected = fallback.isEmpty() ? "none" : fallback;
      if (!row.defaultValue().equals(expected)) {
        problems.add(row + " on " + command + ": documented default '" + row.defaultValue() + "', the CLI's is '"
            + expected + "'");
      }
    });
    assertEquals(List.of(), problems);
  }

  @Test
  void everyVariableTheCliReadsHasARowForEachCommandThatReadsIt() {
    List<String> missing = new ArrayList<>();
    for (String command : cli.commands()) {
      for (Map.Entry<String, ArgSpec> read : cli.environment(command).entrySet()) {
        boolean documented = rows.stream().anyMatch(r -> r.commands().contains(command)
            && r.variable().equals(read.getKey()) && CliModel.names(read.getValue()).contains(r.option()));
        if (!documented) {
          missing.add(command + " " + CliModel.display(read.getValue()) + " (" + read.getKey() + ")");
        }
      }
    }
    assertEquals(List.of(), missing, "options read from the environment but missing from " + ConfigurationTable.FILE);
  }

  @Test
  void theParserReadsCellsAndStopsAtTheEndOfTheTable() {
    List<Row> parsed = ConfigurationTable.parse("""
        text
        | command | option | environment variable | default | meaning |
        |---|---|---|---|---|
        | replica, gateway | `--port` | `BFTVOTE_X` | `8080` | what it does |

        | other | table |
        """);

    assertEquals(List.of(new Row(4, List.of("replica", "gateway"), "--port", "BFTVOTE_X", "8080", "what it does")),
        parsed);
  }

  private interface RowCheck {
    void check(Row row, String command, ArgSpec arg);
  }

  /** Rows whose command and option exist; the others fail everyDocumentedOptionIsAccepted... */
  private void forEachDocumentedArgument(RowCheck check) {
    for (Row row : rows) {
      for (String command : row.commands()) {
        if (cli.hasCommand(command)) {
          cli.argument(command, row.option()).ifPresent(arg -> check.check(row, command, arg));
        }
      }
    }
  }
}
