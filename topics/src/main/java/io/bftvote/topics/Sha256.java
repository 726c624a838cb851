package io.bftvote.topics;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.function.Function;

/**
 * SHA-256 without a provider lookup per hash. {@code MessageDigest.getInstance} searches the
 * providers, reflects and builds a new digest on every call: 9 % of all the bytes a loaded devnet
 * allocated. A fresh digest is a clone of one never-used prototype; a one-shot hash reuses a digest
 * of its thread's own.
 */
final class Sha256 {
  /** Never updated, only cloned: cloning reads it, so threads may share it. */
  private static final MessageDigest PROTOTYPE = lookUp();
  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private Sha256() {}

  /** A new digest of its caller's own, as {@code MessageDigest.getInstance("SHA-256")} returns. */
  static MessageDigest fresh() {
    try {
      return (MessageDigest) PROTOTYPE.clone();
    } catch (CloneNotSupportedException e) {
      return lookUp(); // a provider whose digest cannot be cloned: look it up as before
    }
  }

  /**
   * Lends this thread's digest to {@code work}, which may hash several times with it (each
   * {@code digest()} resets it) but must not keep it. It is reset before each loan, so work
   * abandoned by an exception leaves nothing behind; work started while this thread's digest is on
   * loan (from inside another's work) gets a fresh one.
   */
  static <T> T lend(Function<MessageDigest, T> work) {
    Scratch scratch = SCRATCH.get();
    if (scratch.onLoan) {
      return work.apply(fresh());
    }
    scratch.onLoan = true;
    try {
      scratch.digest.reset();
      return work.apply(scratch.digest);
    } finally {
      scratch.onLoan = false;
    }
  }

  static byte[] of(byte[] data) {
    return lend(sha -> sha.digest(data));
  }

  /**
   * Feeds the UTF-8 bytes of {@code text} to the digest, through {@code scratch} when the text is
   * ASCII and fits (every field of a well-formed ballot is), else through a new array.
   */
  static void updateUtf8(MessageDigest sha, String text, byte[] scratch) {
    int length = text.length();
    if (length <= scratch.length && isAscii(text, scratch)) {
      sha.update(scratch, 0, length);
    } else {
      sha.update(Bytes.utf8(text));
    }
  }

  /** True if every char of {@code text} is ASCII, which is then its own UTF-8, copied into {@code into}. */
  private static boolean isAscii(String text, byte[] into) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0x80) {
        return false;
      }
      into[i] = (byte) c;
    }
    return true;
  }

  private static MessageDigest lookUp() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** One thread's digest, and whether work on that thread has it right now. */
  private static final class Scratch {
    final MessageDigest digest = fresh();
    boolean onLoan;
  }
}
