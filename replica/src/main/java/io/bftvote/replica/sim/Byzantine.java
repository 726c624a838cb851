package io.bftvote.replica.sim;

import io.bftvote.replica.core.Signer;
import io.bftvote.topics.Ballot;
import io.bftvote.topics.BatchDigest;
import io.bftvote.topics.Bytes;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * What a faulty replica actually sends, given what its honest core asked it to send. It only
 * holds its own {@link Signer}: whatever it makes up, it can sign only as itself.
 */
final class Byzantine {
  /** How many messages a replayer remembers, to send again later. */
  static final int REPLAY_MEMORY = 128;
  private static final double REPLAY_CHANCE = 0.2;

  private final Behaviour behaviour;
  private final int self;
  private final int n;
  private final Signer signer;
  private final Random random;
  private final List<ConsensusMessage> seen = new ArrayList<>();

  Byzantine(Behaviour behaviour, int self, int n, Signer signer, Random random) {
    this.behaviour = behaviour;
    this.self = self;
    this.n = n;
    this.signer = signer;
    this.random = random;
  }

  Behaviour behaviour() {
    return behaviour;
  }

  /** A faulty replica may keep the blocks it executes to itself. */
  boolean publishesBlocks() {
    return behaviour != Behaviour.SILENT && behaviour != Behaviour.WITHHOLDER;
  }

  /** Remembers a message this replica received, for a replayer to send again. */
  void observe(ConsensusMessage message) {
    if (behaviour != Behaviour.REPLAYER) {
      return;
    }
    if (seen.size() < REPLAY_MEMORY) {
      seen.add(message);
    } else {
      seen.set(random.nextInt(REPLAY_MEMORY), message);
    }
  }

  /** What goes on the wire instead of {@code honest}. */
  List<ConsensusMessage> outgoing(ConsensusMessage honest) {
    return switch (behaviour) {
      case SILENT -> List.of();
      case EQUIVOCATING_PRIMARY -> honest.phase() == Phase.PRE_PREPARE ? splitPrePrepare(honest) : List.of(honest);
      case EQUIVOCATING_BACKUP -> honest.phase() == Phase.PREPARE || honest.phase() == Phase.COMMIT
          ? splitVote(honest) : List.of(honest);
      case FORGER -> List.of(honest, impersonating(honest));
      case REPLAYER -> withReplay(honest);
      case WITHHOLDER -> List.of(withoutBatch(honest));
    };
  }

  /** The same signed message without its batch: the signature still holds, the ballots are gone. */
  private static ConsensusMessage withoutBatch(ConsensusMessage honest) {
    return honest.batch() == null ? honest : new ConsensusMessage(honest.phase(), honest.view(), honest.sequence(),
        honest.digest(), honest.sender(), honest.to(), null, honest.payload(), honest.signature());
  }

  /** Each other replica gets, addressed to it alone, either the real batch or another one. */
  private List<ConsensusMessage> splitPrePrepare(ConsensusMessage honest) {
    List<Ballot> other = otherBatch(honest.batch());
    List<ConsensusMessage> out = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      if (r == self) {
        continue;
      }
      List<Ballot> batch = random.nextBoolean() ? honest.batch() : other;
      out.add(signer.sign(ConsensusMessage.of(Phase.PRE_PREPARE, honest.view(), honest.sequence(),
          BatchDigest.of(batch), self).withBatch(batch).addressedTo(r)));
    }
    return out;
  }

  private static List<Ballot> otherBatch(List<Ballot> batch) {
    if (batch.size() <= 1) {
      return List.of();
    }
    List<Ballot> reversed = new ArrayList<>(batch);
    java.util.Collections.reverse(reversed);
    return reversed;
  }

  /** Each other replica gets, addressed to it alone, either the real vote or one for a made-up digest. */
  private List<ConsensusMessage> splitVote(ConsensusMessage honest) {
    String madeUp = Bytes.sha256Hex(Bytes.utf8("made-up/" + honest.digest()));
    List<ConsensusMessage> out = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      if (r == self) {
        continue;
      }
      String digest = random.nextBoolean() ? honest.digest() : madeUp;
      out.add(signer.sign(ConsensusMessage.of(honest.phase(), honest.view(), honest.sequence(), digest, self)
          .addressedTo(r)));
    }
    return out;
  }

  /** The same message claiming to come from someone else: the edge must catch the signature. */
  private ConsensusMessage impersonating(ConsensusMessage honest) {
    int victim = (self + 1 + random.nextInt(n - 1)) % n;
    return signer.sign(new ConsensusMessage(honest.phase(), honest.view(), honest.sequence(), honest.digest(), victim,
        honest.to(), honest.batch(), honest.payload(), null));
  }

  private List<ConsensusMessage> withReplay(ConsensusMessage honest) {
    if (seen.isEmpty() || random.nextDouble() >= REPLAY_CHANCE) {
      return List.of(honest);
    }
    return List.of(honest, seen.get(random.nextInt(seen.size())));
  }
}
