package io.bftvote.bench;

import io.bftvote.topics.Cluster;
import io.bftvote.topics.Ed25519;
import io.bftvote.topics.Outcome;
import io.bftvote.topics.Reply;
import java.util.List;
import java.util.stream.IntStream;

/** A cluster of real replica keys, and replies signed by them, for the tests. */
final class TestKeys {
  final List<Ed25519.KeyPair> keys;
  final Cluster cluster;

  TestKeys(int n) {
    keys = IntStream.range(0, n).mapToObj(i -> Ed25519.KeyPair.generate()).toList();
    cluster = new Cluster(keys.stream().map(Ed25519.KeyPair::publicKey).toList());
  }

  Reply reply(int replica, String requestId, Outcome outcome, long height) {
    return Reply.of(requestId, outcome, height, replica).signedBy(keys.get(replica));
  }
}
