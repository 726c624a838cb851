package io.bftvote.topics;

import java.security.MessageDigest;
import java.util.List;

/**
 * d = D(m) of PBFT for a batch of ballots: SHA-256 over each ballot's request id and signature in
 * order. The request id already hashes the signed fields, so this binds every byte of every
 * ballot without re-hashing their text.
 */
public final class BatchDigest {
  private static final byte[] DOMAIN = Bytes.utf8("bftvote/batch/v1");
  private static final byte[] NEWLINE = {'\n'};
  private static final byte[] COLON = {':'};
  /** Room for a request id (64 chars) or a signature (86), so well-formed ballots need no array each. */
  private static final int SCRATCH_BYTES = 128;

  private BatchDigest() {}

  public static String of(List<Ballot> ballots) {
    MessageDigest sha = Bytes.sha256();
    byte[] scratch = new byte[SCRATCH_BYTES];
    sha.update(DOMAIN);
    for (Ballot b : ballots) {
      sha.update(NEWLINE);
      Sha256.updateUtf8(sha, b.requestId(), scratch);
      sha.update(COLON);
      Sha256.updateUtf8(sha, String.valueOf(b.signature()), scratch);
    }
    return Bytes.hex(sha.digest());
  }
}
