package io.bftvote.replica.keys;

import static io.bftvote.replica.keys.KeySetTest.hex;
import static io.bftvote.replica.keys.KeySetTest.keyEndingWith;
import static io.bftvote.replica.keys.KeySetTest.randomKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecentKeysTest {
  @Test
  void keepsTheLastKeysAddedAndForgetsTheOldestFirst() {
    RecentKeys recent = new RecentKeys(16, 3);
    byte[][] keys = new byte[5][];
    Random random = new Random(3);
    for (int i = 0; i < keys.length; i++) {
      keys[i] = randomKey(random, 16);
      assertTrue(recent.add(keys[i]));
    }
    assertEquals(3, recent.size());
    assertFalse(recent.contains(keys[0]));
    assertFalse(recent.contains(keys[1]));
    assertTrue(recent.contains(keys[2]));
    assertTrue(recent.contains(keys[3]));
    assertTrue(recent.contains(keys[4]));
  }

  @Test
  void addingAKeyAgainDoesNotMakeItNewer() {
    RecentKeys recent = new RecentKeys(16, 2);
    Random random = new Random(4);
    byte[] first = randomKey(random, 16);
    byte[] second = randomKey(random, 16);
    recent.add(first);
    recent.add(second);
    assertFalse(recent.add(first.clone()));
    recent.add(randomKey(random, 16));
    assertFalse(recent.contains(first), "first in, first out, however often it was added again");
    assertTrue(recent.contains(second));
  }

  @Test
  void agreesWithAFirstInFirstOutModelThroughHeavyChurn() {
    // Many more keys pass through than fit, so nearly every add forgets one: each forget shifts
    // a probe run back, and a wrong shift would lose a key that is still among the recent ones.
    int capacity = 1_000;
    RecentKeys recent = new RecentKeys(32, capacity);
    ArrayDeque<String> order = new ArrayDeque<>();
    Set<String> model = new HashSet<>();
    Random random = new Random(5);
    List<byte[]> seen = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      // A quarter of the adds repeat a key seen before, recent or long forgotten.
      byte[] key = !seen.isEmpty() && random.nextInt(4) == 0 ? seen.get(random.nextInt(seen.size())) : randomKey(random, 32);
      seen.add(key);
      boolean added = model.add(hex(key));
      if (added) {
        order.addLast(hex(key));
        if (order.size() > capacity) {
          model.remove(order.removeFirst());
        }
      }
      assertEquals(added, recent.add(key), "add #" + i);
    }
    assertEquals(model.size(), recent.size());
    for (String key : model) {
      assertTrue(recent.contains(HexFormat.of().parseHex(key)));
    }
    int forgotten = 0;
    for (byte[] key : seen) {
      if (!model.contains(hex(key))) {
        assertFalse(recent.contains(key));
        forgotten++;
      }
    }
    assertTrue(forgotten > 50_000, "the test churned: " + forgotten);
  }

  @Test
  void keysThatDifferOnlyInTheirLastWordChurnCorrectly() {
    RecentKeys recent = new RecentKeys(32, 100);
    for (long last = 1; last <= 1_000; last++) {
      assertTrue(recent.add(keyEndingWith(last)));
    }
    for (long last = 1; last <= 1_000; last++) {
      assertEquals(last > 900, recent.contains(keyEndingWith(last)), "key " + last);
    }
  }

  @Test
  void refusesACapacityOrKeyWidthItCannotHold() {
    assertThrows(IllegalArgumentException.class, () -> new RecentKeys(32, 0));
    assertThrows(IllegalArgumentException.class, () -> new RecentKeys(7, 10));
    RecentKeys recent = new RecentKeys(32, 10);
    assertThrows(IllegalArgumentException.class, () -> recent.add(new byte[33]));
    assertEquals(0, recent.size());
  }
}
