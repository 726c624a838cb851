/**
 * The HTTP gateway: validates signed ballots, hands them to {@code bft.requests}, and reports an
 * outcome once f+1 replicas sent matching signed replies (PBFT §4.1). It also serves the
 * dashboard, the OpenAPI document, and live server-sent events built from {@code bft.replies},
 * {@code bft.blocks} and {@code bft.detections}, each record verified before it is shown.
 *
 * <p>Request and record checks are plain functions ({@link io.bftvote.gateway.BallotCheck},
 * {@link io.bftvote.gateway.ReplyCheck}, {@link io.bftvote.gateway.DetectionFeed},
 * {@link io.bftvote.gateway.BlockFeed}); Kafka and Vert.x sit in thin adapters around them
 * ({@link io.bftvote.gateway.TopicTail}, {@link io.bftvote.gateway.SseSubscriber}).
 */
package io.bftvote.gateway;
