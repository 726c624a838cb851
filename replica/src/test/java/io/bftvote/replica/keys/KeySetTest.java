package io.bftvote.replica.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeySetTest {
  @Test
  void remembersEveryKeyAddedAcrossManyDoublings() {
    KeySet set = new KeySet(32);
    Set<String> model = new HashSet<>();
    Random random = new Random(7);
    for (int i = 0; i < 50_000; i++) {
      byte[] key = randomKey(random, 32);
      assertEquals(model.add(hex(key)), set.add(key));
      if (i % 4_999 == 0) { // now and then, mid-doubling or not, everything added so far is there
        for (String known : model) {
          assertTrue(set.contains(HexFormat.of().parseHex(known)), known);
        }
      }
    }
    assertEquals(model.size(), set.size());
    for (String key : model) {
      assertTrue(set.contains(HexFormat.of().parseHex(key)), key);
    }
  }

  @Test
  void aDoublingMovesTheOldKeysAcrossWhileTheSetKeepsAnsweringForThem() {
    KeySet set = new KeySet(32);
    List<byte[]> added = new ArrayList<>();
    Random random = new Random(11);
    while (!set.isGrowing()) { // the first doubling: past two thirds of 1,024 slots
      byte[] key = randomKey(random, 32);
      assertTrue(set.add(key));
      added.add(key);
    }
    int addsWhileGrowing = 0;
    while (set.isGrowing()) {
      for (byte[] key : added) {
        assertTrue(set.contains(key), "a key added before the doubling is lost");
      }
      byte[] again = added.get(random.nextInt(added.size()));
      assertFalse(set.add(again.clone()), "a key not yet moved must still count as present");
      byte[] key = randomKey(random, 32);
      assertTrue(set.add(key));
      added.add(key);
      addsWhileGrowing++;
    }
    // 1,024 old slots at 4 a fresh add: the old table is gone long before the next doubling is due.
    assertEquals(1024 / KeySet.MOVED_PER_ADD, addsWhileGrowing);
    assertEquals(added.size(), set.size());
    for (byte[] key : added) {
      assertTrue(set.contains(key));
    }
  }

  @Test
  void aKeyNeverAddedIsNotContained() {
    KeySet set = new KeySet(32);
    Random random = new Random(8);
    for (int i = 0; i < 10_000; i++) {
      set.add(randomKey(random, 32));
    }
    Random others = new Random(9);
    for (int i = 0; i < 10_000; i++) {
      assertFalse(set.contains(randomKey(others, 32)));
    }
  }

  @Test
  void addingAKeyTwiceKeepsOneCopy() {
    KeySet set = new KeySet(32);
    byte[] key = randomKey(new Random(1), 32);
    assertTrue(set.add(key));
    assertFalse(set.add(key.clone()));
    assertEquals(1, set.size());
  }

  @Test
  void theAllZeroKeyIsAKeyLikeAnyOther() {
    // All-zero words mark an empty slot; the all-zero key must not be mistaken for one.
    KeySet set = new KeySet(32);
    assertFalse(set.contains(new byte[32]));
    assertTrue(set.add(new byte[32]));
    assertFalse(set.add(new byte[32]));
    assertTrue(set.contains(new byte[32]));
    assertEquals(1, set.size());
  }

  @Test
  void keysThatDifferOnlyInTheirLastWordStayApart() {
    // A voter can grind public keys that share their first bytes: every word counts.
    KeySet set = new KeySet(32);
    for (long last = 1; last <= 5_000; last++) {
      assertTrue(set.add(keyEndingWith(last)));
    }
    for (long last = 1; last <= 5_000; last++) {
      assertTrue(set.contains(keyEndingWith(last)));
    }
    assertFalse(set.contains(keyEndingWith(5_001)));
  }

  @Test
  void refusesAKeyOfTheWrongWidth() {
    KeySet set = new KeySet(32);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> set.add(new byte[31]));
    assertEquals("expected a key of 32 bytes, got 31", e.getMessage());
    assertEquals(0, set.size());
    assertThrows(IllegalArgumentException.class, () -> new KeySet(12));
  }

  static byte[] randomKey(Random random, int bytes) {
    byte[] key = new byte[bytes];
    random.nextBytes(key);
    return key;
  }

  static byte[] keyEndingWith(long last) {
    return ByteBuffer.allocate(32).putLong(0, 0x1234_5678_9abc_def0L).putLong(24, last).array();
  }

  static String hex(byte[] key) {
    return HexFormat.of().formatHex(key);
  }
}
