package io.bftvote.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SignatureSpeedTest {
  @Test
  void aShortCheckCountsVerificationsOfBothKinds() {
    SignatureSpeed speed = SignatureSpeed.measure(Duration.ofMillis(400));
    // Any machine that runs the tests verifies hundreds a second; a zero would mean nothing was timed.
    assertTrue(speed.oneByOnePerSecond() > 100, speed.describe());
    assertTrue(speed.batchedPerSecond() > 100, speed.describe());
  }

  @Test
  void itSaysWhatWasMeasuredOnHowManyCores() {
    assertEquals("BouncyCastle verifies 11,420 signatures/s one by one, the batch verifier 18,310/s in batches"
        + " of 64, on one core", new SignatureSpeed(11_420.4, 18_309.8).describe());
  }

  @Test
  void aCheckOfNoLengthIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> SignatureSpeed.measure(Duration.ZERO));
  }
}
