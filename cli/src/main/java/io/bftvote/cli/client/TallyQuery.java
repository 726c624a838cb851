package io.bftvote.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.bftvote.cli.CliException;
import io.bftvote.topics.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code tally ELECTION}: the counts from {@code GET /api/tallies/{election}}, as a table or JSON. */
public final class TallyQuery {
  private TallyQuery() {
  }

  public static void print(GatewayClient client, String election, boolean json, PrintWriter out) {
    GatewayClient.Answer answer = client.tally(election);
    if (answer.status() == 404) {
      throw CliException.failure("no election '" + election + "': " + answer.error());
    }
    if (answer.status() != 200) {
      throw CliException.failure("the tally is not available (HTTP " + answer.status() + "): " + answer.error());
    }
    if (json) {
      out.println(Json.writeString(answer.body()));
    } else {
      out.print(table(answer.body()));
    }
  }

  /** Candidates in the order the tally app lists them, with a total line. */
  static String table(JsonNode tally) {
    List<Map.Entry<String, Long>> rows = new ArrayList<>();
    tally.path("counts").properties().forEach(e -> rows.add(Map.entry(e.getKey(), e.getValue().asLong())));
    long total = rows.stream().mapToLong(Map.Entry::getValue).sum();
    int width = Math.max("candidate".length(), rows.stream().mapToInt(r -> r.getKey().length()).max().orElse(0));
    StringBuilder text = new StringBuilder();
    text.append("election ").append(tally.path("election").asText())
        .append(", counted up to block ").append(tally.path("height").asLong()).append('\n');
    String row = "%-" + width + "s  %8s%n";
    text.append(String.format(row, "candidate", "votes"));
    rows.forEach(r -> text.append(String.format(row, r.getKey(), r.getValue())));
    text.append(String.format(row, "total", total));
    return text.toString();
  }
}
