// The longest single add to a replica's KeySet while it grows to 1.5 million keys, in three fresh
// sets (the first one also warms the JIT), and the time of all the adds:
//   java -Xmx4g -cp replica/target/classes docs/bench/r9/KeySetGrowth.java
import io.bftvote.replica.keys.KeySet;
import java.util.Random;

public class KeySetGrowth {
  public static void main(String[] a) {
    for (int round = 0; round < 3; round++) {
      KeySet set = new KeySet(32);
      Random r = new Random(round);
      byte[] k = new byte[32];
      long worst = 0, total = 0; int worstAt = 0;
      for (int i = 0; i < 1_500_000; i++) {
        r.nextBytes(k);
        long t0 = System.nanoTime();
        set.add(k.clone());
        long dt = System.nanoTime() - t0;
        total += dt;
        if (dt > worst) { worst = dt; worstAt = i; }
      }
      System.out.printf("round %d: worst add %.1f ms at %,d; all adds %.0f ms%n", round, worst / 1e6, worstAt, total / 1e6);
    }
  }
}
