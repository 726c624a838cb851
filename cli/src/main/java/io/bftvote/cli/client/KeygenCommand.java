package io.bftvote.cli.client;

import io.bftvote.cli.CliException;
import io.bftvote.cli.Main;
import io.bftvote.topics.Ed25519;
import io.bftvote.topics.KeyFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "keygen", mixinStandardHelpOptions = true,
    description = {"Creates a voter key and prints your voter id.",
        "%nAn Ed25519 key file readable by you only. The voter id is its public half; keep the file",
        "secret, it is your vote."})
public final class KeygenCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--out", paramLabel = "FILE", defaultValue = "voter.key",
      description = "Where to write the key; an existing file is never overwritten (default: ${DEFAULT-VALUE}).")
  Path out;

  @Override
  public Integer call() {
    if (Files.exists(out)) {
      throw CliException.failure(out + " already exists; a key is never overwritten — choose another --out");
    }
    Ed25519.KeyPair key = Ed25519.KeyPair.generate();
    KeyFile.save(key, out);
    spec.commandLine().getOut().println(key.publicKey());
    spec.commandLine().getErr().println("voter key written to " + out + " (owner-only permissions)");
    return Main.OK;
  }
}
