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

  private BatchDigest() {}

  public static String of(List<Ballot> ballots) {
    MessageDigest sha = Bytes.sha256();
    sha.update(DOMAIN);
    for (Ballot b : ballots) {
      sha.update(NEWLINE);
      sha.update(Bytes.utf8(b.requestId()));
      sha.update(COLON);
      sha.update(Bytes.utf8(String.valueOf(b.signature())));
    }
    return Bytes.hex(sha.digest());
  }
}
