package io.bftvote.replica.byzantine;

import io.bftvote.replica.core.Action;
import io.bftvote.topics.Ballot;
import io.bftvote.topics.BatchDigest;
import io.bftvote.topics.Bytes;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Phase;
import java.util.ArrayList;
import java.util.List;

/**
 * As primary, proposes blocks no honest replica may accept, alternating two ways: a batch holding
 * a ballot whose voter signature fails (with the digest computed over the corrupted batch, so
 * only the ballot check catches it), and a batch whose digest is not its digest. Either way the
 * pre-prepare itself is validly signed: the primary is provably lying, and the backups must
 * refuse the block and change view. As backup it behaves, having nothing to propose.
 */
final class Corrupt implements Misbehaviour {
  private final Traitor traitor;
  private boolean forgeBallotNext = true;

  Corrupt(Traitor traitor) {
    this.traitor = traitor;
  }

  @Override
  public List<Action> apply(List<Action> honest) {
    return Broadcasts.rewrite(honest, signed -> List.of(corrupted(signed)));
  }

  @Override
  public String mode() {
    return Mode.CORRUPT.wire();
  }

  private ConsensusMessage corrupted(ConsensusMessage honest) {
    if (honest.phase() != Phase.PRE_PREPARE || honest.batch() == null) {
      return honest;
    }
    boolean forgeBallot = forgeBallotNext && !honest.batch().isEmpty(); // an empty batch has no ballot to forge
    forgeBallotNext = !forgeBallotNext;
    return traitor.sign(forgeBallot ? withForgedBallot(honest) : withWrongDigest(honest));
  }

  private ConsensusMessage withForgedBallot(ConsensusMessage m) {
    List<Ballot> batch = new ArrayList<>(m.batch());
    int victim = traitor.random().nextInt(batch.size());
    batch.set(victim, withBrokenSignature(batch.get(victim)));
    return new ConsensusMessage(m.phase(), m.view(), m.sequence(), BatchDigest.of(batch), m.sender(), m.to(),
        List.copyOf(batch), m.payload(), null);
  }

  private static ConsensusMessage withWrongDigest(ConsensusMessage m) {
    String wrong = Bytes.sha256Hex(Bytes.utf8("bftvote/corrupt/" + m.digest()));
    return new ConsensusMessage(m.phase(), m.view(), m.sequence(), wrong, m.sender(), m.to(), m.batch(),
        m.payload(), null);
  }

  /**
   * Changes the first character, which lies in R of the signature (R, S): the result is still
   * well-formed base64url of 64 bytes, so the ballot passes every format check and fails only the
   * Ed25519 verification.
   */
  static Ballot withBrokenSignature(Ballot b) {
    String sig = b.signature();
    char flipped = sig.charAt(0) == 'A' ? 'B' : 'A';
    return new Ballot(b.election(), b.voter(), b.candidate(), b.nonce(), flipped + sig.substring(1));
  }
}
