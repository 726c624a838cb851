package io.bftvote.replica.byzantine;

import static io.bftvote.replica.byzantine.Cast.broadcasts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.replica.core.Action;
import io.bftvote.topics.Bytes;
import io.bftvote.topics.Phase;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MisbehaviourTest {
  private final Cast cast = new Cast(4);

  @Test
  void parseKnowsEveryModeDesignNames() {
    for (String mode : List.of("silent", "equivocate", "forge", "corrupt", "replay")) {
      assertEquals(mode, cast.liar(3, mode).mode());
    }
    assertEquals(Mode.EQUIVOCATE, Mode.parse(" Equivocate "), "forgiving about case and spaces");
  }

  @Test
  void parseRefusesAnUnknownModeAndNamesTheKnownOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cast.liar(3, "lie"));
    assertEquals("unknown Byzantine mode 'lie'; the modes are silent, equivocate, forge, corrupt, replay",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Mode.parse(null));
  }

  @Test
  void anHonestReplicaSendsExactlyWhatItsCoreSays() {
    List<Action> honest = broadcasts(cast.vote(Phase.PREPARE, 1, 0, 1, Bytes.sha256Hex(Bytes.utf8("x"))));
    assertSame(honest, Misbehaviour.none().apply(honest));
    assertTrue(Misbehaviour.none().publishesResults());
    assertEquals("honest", Misbehaviour.none().mode());
  }

  @Test
  void aTraitorCanOnlyLieWithItsOwnKey() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Traitor(1, cast.cluster(), cast.key(2), new Random(1)));
    assertTrue(e.getMessage().contains("not its key"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Traitor(4, cast.cluster(), cast.key(2), new Random(1)));
  }

  @Test
  void theSameSeedTellsTheSameLies() {
    List<Action> honest = broadcasts(cast.vote(Phase.COMMIT, 3, 0, 1, Bytes.sha256Hex(Bytes.utf8("x"))));
    assertEquals(cast.liar(3, "equivocate").apply(honest), cast.liar(3, "equivocate").apply(honest));
  }
}
