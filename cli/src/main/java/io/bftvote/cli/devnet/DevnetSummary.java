package io.bftvote.cli.devnet;

import io.bftvote.topics.Election;
import io.bftvote.topics.Elections;
import java.util.List;

/** What devnet prints once it is up: where everything listens and how to vote. */
final class DevnetSummary {
  private static final String DEFAULT_GATEWAY = "http://localhost:8080";

  private DevnetSummary() {
  }

  static String of(Devnet devnet, DevnetOptions options) {
    StringBuilder text = new StringBuilder();
    text.append("\nbftvote devnet is up — data in ").append(options.dataDir().toAbsolutePath().normalize())
        .append("\n\n");
    row(text, "broker", devnet.bootstrapServers());
    row(text, "gateway", devnet.gatewayUrl() + "   (dashboard; API under /api)");
    row(text, "tally", devnet.tallyUrl() + "/tallies/{election}");
    List<String> admins = devnet.replicaAdminUrls();
    for (int i = 0; i < admins.size(); i++) {
      ByzantineMode lie = options.byzantine().get(i);
      row(text, "replica " + i, admins.get(i) + "/status" + (lie == null ? "" : "   BYZANTINE: " + lie.replicaMode().wire()));
    }
    text.append('\n');
    Elections elections = Elections.load(devnet.files().electionsFile());
    for (Election election : elections.elections()) {
      row(text, "election", election.id() + ": " + String.join(", ", election.candidates())
          + " (" + election.eligibility() + ")");
    }
    String gatewayFlag = devnet.gatewayUrl().equals(DEFAULT_GATEWAY) ? "" : " --gateway " + devnet.gatewayUrl();
    String election = elections.elections().isEmpty() ? "ELECTION" : elections.elections().get(0).id();
    String candidate = elections.elections().isEmpty() ? "CANDIDATE" : elections.elections().get(0).candidates().get(0);
    text.append("\nVote from another terminal:\n")
        .append("  ./bftvote keygen --out me.key\n")
        .append("  ./bftvote vote --key me.key --election ").append(election).append(" --candidate ")
        .append(candidate).append(gatewayFlag).append('\n')
        .append("  ./bftvote tally ").append(election).append(gatewayFlag).append('\n');
    if (!options.byzantine().isEmpty()) {
      text.append("\nWatch the lies get caught:\n  ./bftvote detections --follow\n");
    }
    text
        .append("\nCtrl-C stops everything; the state stays in the data folder for the next start.\n");
    return text.toString();
  }

  private static void row(StringBuilder text, String name, String value) {
    text.append(String.format("  %-10s %s%n", name, value));
  }
}
