import com.sun.tools.attach.VirtualMachine;
import java.util.Map;
import java.util.TreeMap;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The broker's requests per second by type, and each Kafka client's requests, records and bytes
 * per second, in a running devnet JVM (broker and clients share it), over an interval:
 * {@code java docs/bench/r8/KafkaRequests.java DEVNET_PID SECONDS}. Attaches over the local JMX
 * agent; nothing to configure in the devnet.
 */
public class KafkaRequests {
  public static void main(String[] args) throws Exception {
    VirtualMachine vm = VirtualMachine.attach(args[0]);
    MBeanServerConnection jmx = JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent()))
        .getMBeanServerConnection();
    long seconds = Long.parseLong(args[1]);
    Map<String, Double> before = totals(jmx);
    Thread.sleep(seconds * 1000);
    Map<String, Double> after = totals(jmx);
    after.forEach((name, total) -> {
      double perSecond = (total - before.getOrDefault(name, 0.0)) / seconds;
      if (perSecond > 0.5) {
        System.out.printf("%12.1f/s  %s%n", perSecond, name);
      }
    });
  }

  private static Map<String, Double> totals(MBeanServerConnection jmx) throws Exception {
    Map<String, Double> totals = new TreeMap<>();
    for (ObjectName n : jmx.queryNames(new ObjectName("kafka.network:type=RequestMetrics,name=RequestsPerSec,*"), null)) {
      totals.merge("broker " + n.getKeyProperty("request"), number(jmx, n, "Count"), Double::sum);
    }
    for (ObjectName n : jmx.queryNames(new ObjectName("kafka.producer:type=producer-metrics,*"), null)) {
      String client = "client " + n.getKeyProperty("client-id");
      totals.put(client + " requests", number(jmx, n, "request-total"));
      totals.put(client + " records-sent", number(jmx, n, "record-send-total"));
      totals.put(client + " bytes-out", number(jmx, n, "outgoing-byte-total"));
    }
    for (ObjectName n : jmx.queryNames(new ObjectName("kafka.consumer:type=consumer-fetch-manager-metrics,*"), null)) {
      if (n.getKeyProperty("topic") == null) {
        String client = "client " + n.getKeyProperty("client-id");
        totals.put(client + " fetches", number(jmx, n, "fetch-total"));
        totals.put(client + " records", number(jmx, n, "records-consumed-total"));
        totals.put(client + " bytes", number(jmx, n, "bytes-consumed-total"));
      }
    }
    return totals;
  }

  private static double number(MBeanServerConnection jmx, ObjectName name, String attribute) {
    try {
      return ((Number) jmx.getAttribute(name, attribute)).doubleValue();
    } catch (Exception absent) {
      return 0; // a client that closed between the query and the read
    }
  }
}
