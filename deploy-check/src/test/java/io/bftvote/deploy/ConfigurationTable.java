package io.bftvote.deploy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The options table of docs/configuration.md: the first Markdown table whose header has the
 * columns command, option, environment variable, default, meaning.
 */
final class ConfigurationTable {
  static final String FILE = "docs/configuration.md";
  private static final List<String> HEADER = List.of("command", "option", "environment variable", "default", "meaning");

  /** One row; {@code commands} from a cell like "replica, gateway". */
  record Row(int line, List<String> commands, String option, String variable, String defaultValue, String meaning) {
    @Override
    public String toString() {
      return FILE + ":" + line + " " + commands + " " + option;
    }
  }

  private ConfigurationTable() {
  }

  static List<Row> rows() {
    return parse(RepoFiles.read(FILE));
  }

  static List<Row> parse(String markdown) {
    List<String> lines = markdown.lines().toList();
    int header = -1;
    for (int i = 0; i < lines.size() && header < 0; i++) {
      if (isRow(lines.get(i)) && cells(lines.get(i)).equals(HEADER)) {
        header = i;
      }
    }
    if (header < 0) {
      throw new IllegalStateException(FILE + " has no table with the columns " + HEADER);
    }
    List<Row> rows = new ArrayList<>();
    // header, then the |---| separator, then rows until the first line that is not a table row
    for (int i = header + 2; i < lines.size() && isRow(lines.get(i)); i++) {
      List<String> cells = cells(lines.get(i));
      if (cells.size() != HEADER.size()) {
        throw new IllegalStateException(FILE + ":" + (i + 1) + " has " + cells.size() + " cells, expected " + HEADER.size());
      }
      List<String> commands = Arrays.stream(cells.get(0).split(",")).map(String::strip).toList();
      rows.add(new Row(i + 1, commands, cells.get(1), cells.get(2), cells.get(3), cells.get(4)));
    }
    return rows;
  }

  private static boolean isRow(String line) {
    return line.startsWith("|") && line.endsWith("|");
  }

  /** The cells of a row, trimmed, with code backticks removed. */
  private static List<String> cells(String line) {
    String inner = line.substring(1, line.length() - 1);
    return Arrays.stream(inner.split("\\|", -1)).map(c -> c.strip().replace("`", "")).toList();
  }
}
