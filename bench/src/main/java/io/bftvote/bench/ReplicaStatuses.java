package io.bftvote.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.bftvote.topics.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads the replicas' {@code GET /status} (DESIGN.md): their view, the primary they follow, and their height. */
final class ReplicaStatuses {
  /** The fields of a replica's status that the benchmark needs. */
  record Status(long view, int primary, long height) {
    /** Parses a /status answer; the other fields are the replica's business. */
    static Status parse(String json) {
      try {
        JsonNode node = Json.MAPPER.readTree(json);
        for (String field : List.of("view", "primary", "height")) {
          if (!node.path(field).isIntegralNumber()) {
            throw new IllegalArgumentException("a replica status without a whole-number '" + field + "': " + json);
          }
        }
        return new Status(node.get("view").asLong(), node.get("primary").asInt(), node.get("height").asLong());
      } catch (IOException e) {
        throw new IllegalArgumentException("a replica status that is not JSON: " + json, e);
      }
    }
  }

  private final List<String> adminUrls;
  private final HttpProbe http;

  ReplicaStatuses(List<String> adminUrls, HttpProbe http) {
    this.adminUrls = List.copyOf(adminUrls);
    this.http = http;
  }

  int replicas() {
    return adminUrls.size();
  }

  /** Replica {@code id}'s status; empty when it does not answer (it is down, or restarting). */
  Optional<Status> of(int id) throws InterruptedException {
    return http.get(adminUrls.get(id) + "/status").map(Status::parse);
  }

  /** The status of every replica that answers, by id. */
  Map<Integer, Status> answering() throws InterruptedException {
    Map<Integer, Status> statuses = new TreeMap<>();
    for (int id = 0; id < adminUrls.size(); id++) {
      Optional<Status> status = of(id);
      if (status.isPresent()) {
        statuses.put(id, status.get());
      }
    }
    return statuses;
  }

  /**
   * The view and primary that most answering replicas follow (on a tie, the higher view), height
   * left 0: the primary a crash must hit, and the view it leads — not the highest view any replica
   * reports, since under load a lone backup may already have asked for the next view. Empty when
   * no replica answers.
   */
  static Optional<Status> followed(Map<Integer, Status> statuses) {
    Map<Status, Long> votes = statuses.values().stream()
        .map(s -> new Status(s.view(), s.primary(), 0))
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    return votes.entrySet().stream()
        .max(Comparator.<Map.Entry<Status, Long>>comparingLong(Map.Entry::getValue)
            .thenComparingLong(e -> e.getKey().view()))
        .map(Map.Entry::getKey);
  }

  /** The lowest height among the given replicas' statuses; empty when none answered. */
  static Optional<Long> lowestHeight(Map<Integer, Status> statuses, List<Integer> among) {
    List<Long> heights = new ArrayList<>();
    among.forEach(id -> Optional.ofNullable(statuses.get(id)).ifPresent(s -> heights.add(s.height())));
    return heights.stream().min(Long::compare);
  }
}
