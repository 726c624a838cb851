package io.bftvote.tally;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the tally did with the records of {@code bft.blocks}, for operators: every record ends up
 * counted, redundant (another copy of a height already held), or refused with a reason.
 */
public final class TallyMetrics {
  private final Counter blocksCounted;
  private final Counter blocksRedundant;
  private final Counter blocksBuffered;
  private final Counter ballotsCounted;
  private final Counter outcomesDisagreed;
  private final Map<Refusal, Counter> blocksRefused = new EnumMap<>(Refusal.class);
  private final AtomicLong height = new AtomicLong();

  public TallyMetrics(MeterRegistry registry) {
    blocksCounted = Counter.builder("bftvote.tally.blocks.counted")
        .description("Certified blocks executed into the tally, one per height").register(registry);
    blocksRedundant = Counter.builder("bftvote.tally.blocks.redundant")
        .description("Certified copies of a height already counted or already waiting (other replicas' copies)")
        .register(registry);
    blocksBuffered = Counter.builder("bftvote.tally.blocks.buffered")
        .description("Certified blocks that arrived before a lower height and waited for the gap to fill")
        .register(registry);
    ballotsCounted = Counter.builder("bftvote.tally.ballots.counted")
        .description("Ballots accepted by re-execution, each moving one candidate's count").register(registry);
    outcomesDisagreed = Counter.builder("bftvote.tally.blocks.outcomes.disagreed")
        .description("Certified blocks whose published outcomes re-execution does not reproduce").register(registry);
    for (Refusal reason : Refusal.values()) {
      blocksRefused.put(reason, Counter.builder("bftvote.tally.blocks.refused").tag("reason", reason.tag())
          .description("Records of bft.blocks not counted, by reason").register(registry));
    }
    registry.gauge("bftvote.tally.height", height);
  }

  /** Counters that nobody scrapes, for a topology built without an app around it. */
  public static TallyMetrics unregistered() {
    return new TallyMetrics(new SimpleMeterRegistry());
  }

  void counted(long blockHeight, int ballots) {
    blocksCounted.increment();
    ballotsCounted.increment(ballots);
    height.set(blockHeight);
  }

  void resumedAt(long lastCountedHeight) {
    height.set(lastCountedHeight);
  }

  void redundant() {
    blocksRedundant.increment();
  }

  void buffered() {
    blocksBuffered.increment();
  }

  void refused(Refusal reason) {
    blocksRefused.get(reason).increment();
  }

  void outcomesDisagreed() {
    outcomesDisagreed.increment();
  }
}
