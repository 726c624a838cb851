package io.bftvote.gateway;

import io.bftvote.topics.Reply;

/**
 * The part of a {@link Reply} that replicas must agree on. Two replies for one request id match
 * ({@link Reply#matches}) exactly when their verdicts are equal, so the gateway keeps this small
 * record per replica instead of the whole signed reply.
 */
record Verdict(String status, String reason, long height) {
  static Verdict of(Reply reply) {
    return new Verdict(reply.status(), reply.reason(), reply.height());
  }
}
