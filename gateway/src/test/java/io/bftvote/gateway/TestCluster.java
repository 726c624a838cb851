package io.bftvote.gateway;

import io.bftvote.topics.Cluster;
import io.bftvote.topics.Ed25519;
import io.bftvote.topics.Outcome;
import io.bftvote.topics.Reply;
import java.util.List;
import java.util.stream.IntStream;

/** Four replicas (f = 1) whose keys the test holds, so it can sign replies as any of them. */
final class TestCluster {
  final List<Ed25519.KeyPair> keys = IntStream.range(0, 4).mapToObj(i -> Ed25519.KeyPair.generate()).toList();
  final Cluster cluster = new Cluster(keys.stream().map(Ed25519.KeyPair::publicKey).toList());

  Reply reply(int replica, String requestId, Outcome outcome, long height) {
    return Reply.of(requestId, outcome, height, replica).signedBy(keys.get(replica));
  }
}
