package io.bftvote.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The senders' settings, checked where they are checked for real: when the clients are built. */
class SenderSettingsTest {
  @Test
  void kafkaAcceptsTheDirectSendersProducerSettings() {
    // Kafka validates timeouts against each other at construction; no broker is contacted.
    try (DirectVoteSender sender = new DirectVoteSender("localhost:1", "bft.requests")) {
      assertEquals("direct", sender.mode());
    }
  }

  @Test
  void loadOnALoopbackGatewayComesFromManyAddressesAndElsewhereFromOne() {
    try (HttpVoteSender local = new HttpVoteSender("http://localhost:1", 64, 128);
         HttpVoteSender remote = new HttpVoteSender("http://10.1.2.3:8080", 64, 128)) {
      assertEquals(64, local.clients());
      assertEquals(1, remote.clients());
    }
  }

  @Test
  void theGatewayMustBeAnHttpUrl() {
    assertThrows(IllegalArgumentException.class, () -> new HttpVoteSender("localhost:8080", 1, 1));
  }
}
