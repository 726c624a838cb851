package io.bftvote.topics.ed25519;

import io.bftvote.topics.Ed25519;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies many Ed25519 signatures at once and answers, item by item, exactly what BouncyCastle
 * 1.83's single verification ({@link Ed25519#verify}) answers — at about half its cost per
 * signature once a batch has a few dozen items.
 *
 * <h2>Why the verdicts equal BouncyCastle's</h2>
 * Honest replicas must never disagree about a ballot, so equal verdicts are the whole point.
 * From the 1.83 bytecode ({@code javap -p -c}: {@code Ed25519PublicKeyParameters.parse},
 * {@code Ed25519.validatePublicKeyPartialExport}, {@code implVerify}, {@code checkPointVar},
 * {@code decodePointVar}, {@code scalarMultStraus128Var}, {@code normalizeToNeutralElementVar}),
 * BouncyCastle's single verification:
 * <ul>
 *   <li>refuses a public key whose y is not canonical or that has small order
 *       ({@code checkPointFullVar}: y ∈ {0, 1, −1, the two order-8 y's}, or y ≥ p − 1), or that is
 *       off the curve or has x = 0 with the sign bit set ({@code decodePointVar});
 *   <li>rejects R with y ≥ p ({@code checkPointVar}), S ≥ L ({@code Scalar25519.checkVar}), R off
 *       the curve or with x = 0 and the sign bit set ({@code decodePointVar}); R of small order
 *       is allowed;
 *   <li>hashes k = SHA-512(R ‖ A ‖ M) mod L with A re-encoded (equal to the given bytes, being
 *       canonical), finds v₀ ≡ v₁·k (mod L) with |v₀|, |v₁| < 2¹²⁷ (Pornin's lattice trick), and
 *       accepts iff [v₁·s]B − [v₀]A − [v₁]R, doubled three times after its last bit, is the
 *       neutral element. That is [8]·[v₁]·(sB − R − kA) = O (the v₀ − v₁k multiple of L vanishes
 *       under the cofactor), and since v₁ ≠ 0 mod L and [8]·anything lies in the order-L
 *       subgroup, exactly <b>[8](sB − R − kA) = O</b>: the cofactored equation.
 * </ul>
 * Here: the key goes through checks equal to BouncyCastle's ({@link KeyPoints}, which also backs
 * {@link Ed25519#isValidPublicKey}) and the point they decompress is kept for the equation. R and
 * S get checks exactly as strict as those above; an
 * item failing any of them, or with a malformed field, is not batched but handed to
 * {@link Ed25519#verify}. For the rest, the batch equation
 * [8]·Σ z_i·(R_i + k_i·A_i − s_i·B) = O, with independent uniform nonzero 128-bit z_i:
 * <ul>
 *   <li>always holds if every item is valid: each term [8](R_i + k_i A_i − s_i B) is O;
 *   <li>holds with probability at most 1/(2¹²⁸ − 1) if some item j is not: write
 *       [8](R_i + k_i A_i − s_i B) = e_i·G in the cyclic order-L subgroup, e_j ≠ 0; the sum is O
 *       iff Σ z_i e_i ≡ 0 (mod L), which, whatever the other z_i, only one z_j mod L satisfies,
 *       and the e_i were fixed before the z_i were drawn.
 * </ul>
 * A passing equation accepts its items; a failing one is bisected, and small pieces go to
 * {@link Ed25519#verify}. So every "false" is BouncyCastle's own verdict, and every "true" is
 * BouncyCastle's except with probability 2⁻¹²⁸ per equation.
 *
 * <h2>Cost when signatures are bad</h2>
 * A failed piece tests its halves: a half that passes is accepted, a single failing half is
 * bisected in turn, and if both fail the piece is checked item by item. A failed piece of m items
 * thus costs at most m single verifications plus two half-batches (about m/2), and a whole batch
 * full of forgeries at most about twice the single verifications it replaces.
 */
public final class BatchVerifier {
  /** Below this many items the batch's fixed costs outweigh its savings: verify one by one. */
  static final int SMALLEST_BATCH = 8;
  /** A failed piece this small is settled item by item rather than bisected further. */
  static final int SMALLEST_SPLIT = 4;

  private BatchVerifier() {}

  /**
   * Per item, what {@link Ed25519#verify} says about it; false for a null item (nothing to verify).
   * Thread-safe; never throws on bad input.
   */
  public static boolean[] verifyAll(List<Ed25519.Signed> items) {
    boolean[] verdicts = new boolean[items.size()];
    if (items.size() < SMALLEST_BATCH) {
      for (int i = 0; i < items.size(); i++) {
        verdicts[i] = single(items.get(i));
      }
      return verdicts;
    }
    List<Candidate> batchable = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i) == null) {
        continue; // nothing to verify: false
      }
      Candidate c = Candidate.parse(i, items.get(i));
      if (c == null) {
        verdicts[i] = single(items.get(i)); // unusual encodings: BouncyCastle alone decides
      } else {
        batchable.add(c);
      }
    }
    Settlement settlement = new Settlement(items, verdicts);
    for (int from = 0; from < batchable.size(); from += BatchEquation.MOST_ITEMS) {
      // Beyond a few hundred items an equation costs the same per item: bound its buffers.
      settlement.check(batchable.subList(from, Math.min(batchable.size(), from + BatchEquation.MOST_ITEMS)));
    }
    return verdicts;
  }

  private static boolean single(Ed25519.Signed item) {
    if (item == null || item.publicKeyB64() == null || item.message() == null
        || item.signatureB64() == null) {
      return false; // not a signature at all (Ed25519.verify would throw on the nulls)
    }
    return Ed25519.verify(item.publicKeyB64(), item.message(), item.signatureB64());
  }

  /** Finds each piece's verdicts, bisecting pieces whose equation fails. */
  private record Settlement(List<Ed25519.Signed> items, boolean[] verdicts) {
    void check(List<Candidate> piece) {
      if (piece.size() <= SMALLEST_SPLIT) {
        checkOneByOne(piece);
      } else if (BatchEquation.holds(piece)) {
        accept(piece);
      } else {
        settleFailed(piece);
      }
    }

    /** The piece's equation failed: it holds at least one bad signature. */
    private void settleFailed(List<Candidate> piece) {
      if (piece.size() <= SMALLEST_SPLIT) {
        checkOneByOne(piece);
        return;
      }
      List<Candidate> left = piece.subList(0, piece.size() / 2);
      List<Candidate> right = piece.subList(piece.size() / 2, piece.size());
      if (BatchEquation.holds(left)) {
        accept(left);
        settleFailed(right); // the culprit must be on the right
      } else if (BatchEquation.holds(right)) {
        accept(right);
        settleFailed(left);
      } else {
        // Culprits on both sides: bad signatures are dense here, and bisecting further would
        // cost more than checking one by one.
        checkOneByOne(piece);
      }
    }

    private void accept(List<Candidate> piece) {
      for (Candidate c : piece) {
        verdicts[c.index()] = true;
      }
    }

    private void checkOneByOne(List<Candidate> piece) {
      for (Candidate c : piece) {
        verdicts[c.index()] = single(items.get(c.index()));
      }
    }
  }
}
