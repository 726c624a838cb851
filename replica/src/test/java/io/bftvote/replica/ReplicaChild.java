package io.bftvote.replica;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A replica in a process of its own, so a test can kill it the way {@code kill -9} does: no
 * shutdown hook, no flush, no close. Arguments: id, bootstrap servers, topic prefix, the test
 * cluster's directory, view change timeout in ms, batch size. It prints {@code ready} once started and runs
 * until its standard input closes.
 */
public final class ReplicaChild {
  private ReplicaChild() {}

  public static void main(String[] args) throws Exception {
    ReplicaConfig config = TestCluster.config(Integer.parseInt(args[0]), args[1], args[2], Path.of(args[3]),
        Long.parseLong(args[4]), Integer.parseInt(args[5]));
    try (ReplicaApp app = new ReplicaApp(config)) {
      app.start();
      System.out.println("ready");
      System.out.flush();
      waitForEndOfInput();
    }
  }

  private static void waitForEndOfInput() throws IOException {
    while (System.in.read() >= 0) {
      // nothing to read: the parent only ever closes it, or kills this process
    }
  }
}
