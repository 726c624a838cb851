package io.bftvote.replica.sim;

import io.bftvote.replica.core.Signer;
import io.bftvote.topics.Ballot;
import io.bftvote.topics.Bytes;
import io.bftvote.topics.Cluster;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Ed25519;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulation's signature scheme: a keyed SHA-256 (HMAC-like) instead of Ed25519, about a
 * hundred times cheaper, so thousands of seeds run in seconds. It is unforgeable <em>within the
 * simulation</em>: a replica, honest or Byzantine, is only ever handed its own {@link Signer}, and
 * only the simulated network edge holds the verifier.
 *
 * <p>The cluster and voter identities are real Ed25519 public keys (the wire types insist on
 * them), derived from fixed seeds so every run of a seed sees the same bytes.
 */
final class SimKeys {
  private static final String REPLICA_DOMAIN = "bftvote/sim/replica/";
  private static final String VOTER_DOMAIN = "bftvote/sim/voter/";

  private final Cluster cluster;
  private final List<byte[]> replicaSecrets = new ArrayList<>();
  private final List<String> voters = new ArrayList<>();
  private final List<byte[]> voterSecrets = new ArrayList<>();

  SimKeys(int replicas, int voterCount) {
    List<String> publicKeys = new ArrayList<>();
    for (int i = 0; i < replicas; i++) {
      byte[] secret = Bytes.sha256(Bytes.utf8(REPLICA_DOMAIN + i));
      replicaSecrets.add(secret);
      publicKeys.add(Ed25519.KeyPair.fromPrivate(secret).publicKey());
    }
    cluster = new Cluster(publicKeys);
    for (int v = 0; v < voterCount; v++) {
      byte[] secret = Bytes.sha256(Bytes.utf8(VOTER_DOMAIN + v));
      voterSecrets.add(secret);
      voters.add(Ed25519.KeyPair.fromPrivate(secret).publicKey());
    }
  }

  Cluster cluster() {
    return cluster;
  }

  int voterCount() {
    return voters.size();
  }

  /** Replica {@code id}'s signer: the only key a replica of the simulation ever holds. */
  Signer signer(int id) {
    byte[] secret = replicaSecrets.get(id);
    return unsigned -> withSignature(unsigned, mac(secret, unsigned.signedBytes(), 32));
  }

  /** True if the message carries the signature of the replica it names as sender. */
  boolean verifies(ConsensusMessage message) {
    if (message.signature() == null || message.phase() == null || message.digest() == null
        || !cluster.isReplica(message.sender())) {
      return false;
    }
    return message.signature().equals(mac(replicaSecrets.get(message.sender()), message.signedBytes(), 32));
  }

  /** A ballot by voter {@code voter}, with a simulated signature in Ed25519's 86-character format. */
  Ballot ballot(int voter, String election, String candidate, String nonce) {
    String voterKey = voters.get(voter);
    byte[] signed = Ballot.signedBytes(election, voterKey, candidate, nonce);
    return new Ballot(election, voterKey, candidate, nonce, mac(voterSecrets.get(voter), signed, 64));
  }

  /** The same ballot with a signature its voter never made. */
  static Ballot forged(Ballot ballot) {
    String sig = ballot.signature();
    char flipped = sig.charAt(0) == 'A' ? 'B' : 'A';
    return new Ballot(ballot.election(), ballot.voter(), ballot.candidate(), ballot.nonce(), flipped + sig.substring(1));
  }

  /** True if the ballot's voter is one of ours and the simulated signature is theirs. */
  boolean verifies(Ballot ballot) {
    int voter = voters.indexOf(ballot.voter());
    return voter >= 0 && ballot.signature() != null
        && ballot.signature().equals(mac(voterSecrets.get(voter), ballot.signedBytes(), 64));
  }

  private static ConsensusMessage withSignature(ConsensusMessage m, String signature) {
    return new ConsensusMessage(m.phase(), m.view(), m.sequence(), m.digest(), m.sender(), m.to(), m.batch(),
        m.payload(), signature);
  }

  /** Keyed SHA-256, stretched to {@code length} bytes, base64url without padding. */
  private static String mac(byte[] secret, byte[] message, int length) {
    MessageDigest sha = Bytes.sha256();
    sha.update(secret);
    sha.update(message);
    byte[] first = sha.digest();
    if (length <= first.length) {
      return Bytes.b64url(first);
    }
    byte[] out = new byte[length];
    System.arraycopy(first, 0, out, 0, first.length);
    System.arraycopy(Bytes.sha256(first), 0, out, first.length, length - first.length);
    return Bytes.b64url(out);
  }
}
