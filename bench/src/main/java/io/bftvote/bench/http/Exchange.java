package io.bftvote.bench.http;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/** One request on its way: its bytes, when it gives up, and the answer it is waiting for. */
final class Exchange {
  final int source;
  final ByteBuffer request;
  final long deadlineNanos;
  final CompletableFuture<Poster.Answer> answer = new CompletableFuture<>();

  Exchange(int source, ByteBuffer request, long deadlineNanos) {
    this.source = source;
    this.request = request;
    this.deadlineNanos = deadlineNanos;
  }

  void answer(int status) {
    answer.complete(new Poster.Answer(status, null));
  }

  void fail(String why) {
    answer.complete(new Poster.Answer(0, why));
  }
}
