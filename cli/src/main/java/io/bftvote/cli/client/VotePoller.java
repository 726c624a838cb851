package io.bftvote.cli.client;

import io.bftvote.cli.CliException;
import java.time.Duration;
import java.time.Instant;

/** Polls {@code GET /api/votes/{id}} until the vote is final or the time is up. */
final class VotePoller {
  private final GatewayClient client;
  private final Duration interval;

  VotePoller(GatewayClient client, Duration interval) {
    this.client = client;
    this.interval = interval;
  }

  VoteStatus awaitFinal(String requestId, Duration timeout, Spinner spinner) {
    Instant start = Instant.now();
    Instant deadline = start.plus(timeout);
    try {
      while (true) {
        GatewayClient.Answer answer = client.vote(requestId);
        if (answer.status() == 200) {
          VoteStatus status = VoteStatus.of(answer.body());
          if (status.isFinal()) {
            return status;
          }
        } else if (answer.status() != 404) {
          // 404 right after a POST can only be a gateway that restarted in between; keep trying.
          throw CliException.failure("the gateway could not report vote " + requestId + ": " + answer.error());
        }
        if (Instant.now().isAfter(deadline)) {
          throw CliException.failure("vote " + requestId + " is still pending after " + timeout.toSeconds()
              + " s — are the replicas running? Check later with: ./bftvote status " + requestId);
        }
        spinner.show("waiting for f+1 replicas to agree", Duration.between(start, Instant.now()));
        Thread.sleep(interval.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CliException.failure("interrupted; check the vote later with: ./bftvote status " + requestId);
    } finally {
      spinner.clear();
    }
  }
}
