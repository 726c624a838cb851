package io.bftvote.topics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The reused digests hash exactly what a digest looked up anew for each hash would. */
class Sha256Test {
  private static byte[] lookedUp(byte[]... parts) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    for (byte[] part : parts) {
      sha.update(part);
    }
    return sha.digest();
  }

  @Test
  void aFreshDigestIsTheCallersOwnAndStartsEmpty() throws Exception {
    MessageDigest one = Bytes.sha256();
    MessageDigest two = Bytes.sha256();
    assertNotSame(one, two);
    one.update(Bytes.utf8("half a message"));
    assertArrayEquals(lookedUp(Bytes.utf8("other")), two.digest(Bytes.utf8("other")));
    assertArrayEquals(lookedUp(Bytes.utf8("half a message, then the rest")),
        one.digest(Bytes.utf8(", then the rest")));
  }

  @Test
  void aHashAbandonedByAnExceptionLeavesNothingInTheThreadsDigest() throws Exception {
    assertThrows(IllegalStateException.class, () -> Sha256.lend(sha -> {
      sha.update(Bytes.utf8("left behind"));
      throw new IllegalStateException("the caller fails midway");
    }));
    assertThrows(NullPointerException.class, () -> Bytes.sha256((byte[]) null));
    assertArrayEquals(lookedUp(Bytes.utf8("next")), Bytes.sha256(Bytes.utf8("next")));
  }

  @Test
  void aHashStartedInsideAnotherGetsADigestOfItsOwn() throws Exception {
    byte[][] inner = new byte[1][];
    byte[] outer = Sha256.lend(sha -> {
      sha.update(Bytes.utf8("outer, "));
      inner[0] = Bytes.sha256(Bytes.utf8("inner")); // e.g. a request id computed while a batch digest runs
      sha.update(Bytes.utf8("continued"));
      return sha.digest();
    });
    assertArrayEquals(lookedUp(Bytes.utf8("inner")), inner[0]);
    assertArrayEquals(lookedUp(Bytes.utf8("outer, continued")), outer);
  }

  @Test
  void textIsFedAsItsUtf8WhetherItIsAsciiOrNotAndWhetherItFitsTheScratchOrNot() throws Exception {
    byte[] scratch = new byte[8];
    for (String text : new String[] {"", "abc", "12345678", "123456789", "\u00e9", "a\u2713b", "\ud83d\ude00",
        "\ud83d", "x".repeat(200) + "\u00e9"}) {
      MessageDigest sha = Bytes.sha256();
      Sha256.updateUtf8(sha, text, scratch);
      assertArrayEquals(lookedUp(Bytes.utf8(text)), sha.digest(), text);
    }
  }

  @Test
  void threadsHashingAtOnceEachGetTheirOwnRightAnswers() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        long seed = t;
        done.add(pool.submit(() -> {
          Random random = new Random(seed);
          for (int i = 0; i < 5_000; i++) {
            byte[] data = new byte[random.nextInt(200)];
            random.nextBytes(data);
            assertArrayEquals(lookedUp(data), Bytes.sha256(data));
            assertEquals(Bytes.hex(lookedUp(data)), Bytes.sha256Hex(data));
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS); // rethrows a thread's failed assertion
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
