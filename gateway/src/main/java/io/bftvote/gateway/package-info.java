/**
 * The HTTP gateway: validates signed ballots, hands them to {@code bft.requests}, and reports an
 * outcome once f+1 replicas sent matching signed replies (PBFT §4.1).
 *
 * <p>Request and reply checks are plain functions ({@link io.bftvote.gateway.BallotCheck},
 * {@link io.bftvote.gateway.ReplyCheck}); Kafka and Vert.x sit in thin adapters around them.
 */
package io.bftvote.gateway;
