package io.bftvote.topics;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The elections file every replica loads at genesis: {@code {"elections":[...]}}. Its hash (over
 * the canonical re-serialisation, so whitespace does not matter) is part of the genesis block, so
 * replicas with different definitions never agree on a block.
 */
public final class Elections {
  private final List<Election> elections;
  private final Map<String, Election> byId = new LinkedHashMap<>();
  private final Map<String, Set<String>> rolls = new LinkedHashMap<>();
  private final String hash;

  public Elections(@JsonProperty("elections") List<Election> elections) {
    this.elections = elections == null ? List.of() : List.copyOf(elections);
    for (Election e : this.elections) {
      String problem = e.problem();
      if (problem != null) {
        throw new IllegalArgumentException(problem);
      }
      if (byId.put(e.id(), e) != null) {
        throw new IllegalArgumentException("election " + e.id() + " is defined twice");
      }
      if (e.roll() != null) {
        rolls.put(e.id(), new HashSet<>(e.roll()));
      }
    }
    this.hash = Bytes.sha256Hex(Json.write(this));
  }

  /** devnet's default: {@code demo} with alice, bob and carol, open to any key. */
  public static Elections demo() {
    return new Elections(List.of(Election.open("demo", List.of("alice", "bob", "carol"))));
  }

  public static Elections load(Path file) {
    try {
      return Json.read(Files.readAllBytes(file), Elections.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read elections file " + file, e);
    }
  }

  public void save(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.write(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write elections file " + file, e);
    }
  }

  @JsonProperty("elections")
  public List<Election> elections() {
    return elections;
  }

  public Election get(String id) {
    return byId.get(id);
  }

  public boolean isEligible(Election election, String voter) {
    return Election.OPEN.equals(election.eligibility())
        || rolls.getOrDefault(election.id(), Set.of()).contains(voter);
  }

  /** Hex SHA-256 of the canonical JSON of these definitions. */
  @JsonIgnore
  public String hash() {
    return hash;
  }
}
