package io.bftvote.topics;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Who the replicas are: replica i's Ed25519 public key is {@code replicas[i]}. n = 3f+1; every
 * component that verifies replica signatures (replicas, gateway, tally) loads the same file.
 */
public final class Cluster {
  private final List<String> replicas;

  public Cluster(@JsonProperty("replicas") List<String> replicas) {
    if (replicas == null || replicas.size() < 4) {
      throw new IllegalArgumentException("a cluster needs at least 4 replicas (n = 3f+1, f >= 1)");
    }
    if ((replicas.size() - 1) % 3 != 0) {
      throw new IllegalArgumentException("n must be 3f+1 (4, 7, 10, ...), got " + replicas.size());
    }
    for (String key : replicas) {
      if (!Ed25519.isValidPublicKey(key)) {
        throw new IllegalArgumentException("not an Ed25519 public key: " + key);
      }
    }
    this.replicas = List.copyOf(replicas);
  }

  public static Cluster load(Path file) {
    try {
      return Json.read(Files.readAllBytes(file), Cluster.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read cluster file " + file, e);
    }
  }

  public void save(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.write(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write cluster file " + file, e);
    }
  }

  @JsonProperty("replicas")
  public List<String> replicas() {
    return replicas;
  }

  /** n, the number of replicas. */
  @JsonIgnore
  public int n() {
    return replicas.size();
  }

  /** f, the number of faulty replicas tolerated: (n-1)/3. */
  @JsonIgnore
  public int f() {
    return (n() - 1) / 3;
  }

  /** 2f+1: prepare, commit, checkpoint and view-change quorums (PBFT §4.2). */
  @JsonIgnore
  public int quorum() {
    return 2 * f() + 1;
  }

  /** f+1: enough matching replies that at least one is from an honest replica (PBFT §4.1). */
  @JsonIgnore
  public int replyQuorum() {
    return f() + 1;
  }

  /** The primary of view v is replica v mod n. */
  public int primary(long view) {
    return (int) Math.floorMod(view, (long) n());
  }

  public boolean isReplica(int id) {
    return id >= 0 && id < n();
  }

  public String publicKey(int id) {
    return replicas.get(id);
  }

  /** Hex SHA-256 of the canonical JSON; part of the genesis block. */
  @JsonIgnore
  public String hash() {
    return Bytes.sha256Hex(Json.write(this));
  }
}
