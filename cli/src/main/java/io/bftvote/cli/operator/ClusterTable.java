package io.bftvote.cli.operator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/cluster} as a table: one row per replica with its role in the view it is in,
 * how far its ledger is behind the highest one (lag, in blocks), and whether it answered.
 */
final class ClusterTable {
  private static final String[] HEADINGS = {"replica", "role", "view", "height", "head", "lag", "reachable"};
  private static final int SHORT_HEAD = 12;
  private static final String UNKNOWN = "-";

  private ClusterTable() {
  }

  static String of(JsonNode cluster) {
    List<JsonNode> replicas = new ArrayList<>();
    cluster.path("replicas").forEach(replicas::add);
    long highest = replicas.stream().filter(ClusterTable::reachable).mapToLong(r -> r.path("height").asLong(0))
        .max().orElse(0);
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADINGS);
    for (int i = 0; i < replicas.size(); i++) {
      rows.add(row(i, replicas.get(i), highest));
    }
    return layout(rows) + footer(replicas);
  }

  private static String[] row(int position, JsonNode replica, long highest) {
    String id = replica.path("id").asText(String.valueOf(position));
    if (!reachable(replica)) {
      return new String[] {id, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, "NO"};
    }
    long height = replica.path("height").asLong(0);
    return new String[] {id, role(replica), replica.path("view").asText(UNKNOWN), String.valueOf(height),
        Evidence.shortDigest(replica.path("head").asText(null), SHORT_HEAD), String.valueOf(highest - height), "yes"};
  }

  /** The primary of the view this replica is in is replica view mod n; its status names it. */
  private static String role(JsonNode replica) {
    if (!replica.has("primary") || !replica.has("id")) {
      return UNKNOWN;
    }
    return replica.path("primary").asInt() == replica.path("id").asInt() ? "primary" : "backup";
  }

  private static boolean reachable(JsonNode replica) {
    return replica.path("reachable").asBoolean(false);
  }

  private static String footer(List<JsonNode> replicas) {
    long up = replicas.stream().filter(ClusterTable::reachable).count();
    return up + " of " + replicas.size() + " replicas reachable" + '\n';
  }

  private static String layout(List<String[]> rows) {
    int[] widths = new int[HEADINGS.length];
    rows.forEach(r -> {
      for (int c = 0; c < r.length; c++) {
        widths[c] = Math.max(widths[c], r[c].length());
      }
    });
    StringBuilder text = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < row.length; c++) {
        line.append(String.format("%-" + widths[c] + "s", row[c])).append(c < row.length - 1 ? "  " : "");
      }
      text.append(line.toString().stripTrailing()).append('\n');
    }
    return text.toString();
  }
}
