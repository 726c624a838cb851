package io.bftvote.topics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KnownParentsTest {
  private static byte[] hash(String text) {
    return Bytes.sha256(Bytes.utf8(text));
  }

  @Test
  void aRememberedParentIsFoundFromEitherChildAndOnlyWithItsSiblingOnTheSameSide() {
    KnownParents known = new KnownParents(1024);
    byte[] left = hash("left");
    byte[] right = hash("right");
    byte[] parent = hash("parent");
    known.remember(right, left, true, parent); // right's sibling is on the left

    byte[] found = new byte[32];
    assertTrue(known.find(right, left, true, found));
    assertArrayEquals(parent, found);
    found = new byte[32];
    assertTrue(known.find(left, right, false, found), "the sibling's proof passes the same parent");
    assertArrayEquals(parent, found);

    assertFalse(known.find(right, left, false, found), "the sibling on the other side is another parent");
    assertFalse(known.find(right, hash("another sibling"), true, found));
    assertFalse(known.find(hash("never seen"), left, true, found));
  }

  @Test
  void aChildThatTakesAnOccupiedSlotReplacesTheOlderEntry() {
    KnownParents known = new KnownParents(1); // every child maps to the one slot
    byte[] parent = new byte[32];
    known.remember(hash("a"), hash("b"), true, hash("ab"));
    known.remember(hash("c"), hash("d"), true, hash("cd"));
    assertFalse(known.find(hash("a"), hash("b"), true, parent));
    assertTrue(known.find(hash("d"), hash("c"), false, parent));
    assertArrayEquals(hash("cd"), parent);
  }

  /**
   * What the memory is for: once a block's replies filled it, the verdict on any reply, honest or
   * tampered, is the one that hashing every step gives.
   */
  @Test
  void provesGivesTheVerdictsOfHashingEveryStepWhateverTheMemoryHolds() {
    Ed25519.KeyPair key = Ed25519.KeyPair.generate();
    List<Reply> unsigned = new ArrayList<>();
    for (int i = 0; i < 37; i++) {
      unsigned.add(Reply.of(Bytes.sha256Hex(Bytes.utf8("ballot " + i)), Outcome.ACCEPTED, 5, 0));
    }
    List<Reply> honest = ReplyTree.sign(unsigned, key);
    List<Reply> all = new ArrayList<>(honest);
    for (Reply reply : honest) {
      all.addAll(tampered(reply));
    }
    KnownParents known = new KnownParents(256); // small: collisions and replacements happen too
    for (int round = 0; round < 2; round++) {
      for (Reply reply : all) {
        assertEquals(reply.proofHolds(), reply.proofHolds(known), reply.toString());
      }
    }
    assertTrue(honest.stream().allMatch(r -> r.proofHolds(known)));
  }

  /** The reply with its outcome changed, each proof step's sibling or side changed, the proof cut short. */
  private static List<Reply> tampered(Reply r) {
    List<Reply> lies = new ArrayList<>();
    lies.add(new Reply(r.requestId(), "rejected", "already-voted", r.height(), r.replica(), r.root(), r.proof(),
        r.signature()));
    for (int depth = 0; depth < r.proof().size(); depth++) {
      String step = r.proof().get(depth);
      String otherSide = (step.charAt(0) == 'l' ? "r" : "l") + step.substring(1);
      String otherSibling = step.charAt(0) + (step.charAt(1) == '0' ? "1" : "0") + step.substring(2);
      lies.add(withStep(r, depth, otherSide));
      lies.add(withStep(r, depth, otherSibling));
    }
    if (!r.proof().isEmpty()) {
      lies.add(new Reply(r.requestId(), r.status(), r.reason(), r.height(), r.replica(), r.root(),
          r.proof().subList(0, r.proof().size() - 1), r.signature()));
    }
    return lies;
  }

  private static Reply withStep(Reply r, int depth, String step) {
    List<String> proof = new ArrayList<>(r.proof());
    proof.set(depth, step);
    return new Reply(r.requestId(), r.status(), r.reason(), r.height(), r.replica(), r.root(), proof, r.signature());
  }
}
