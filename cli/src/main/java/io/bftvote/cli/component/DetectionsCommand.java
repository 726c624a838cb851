package io.bftvote.cli.component;

import io.bftvote.cli.Main;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "detections", mixinStandardHelpOptions = true,
    description = "Lists replicas caught equivocating (not implemented yet).")
public final class DetectionsCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--follow", description = "Keep printing new detections as they arrive.")
  boolean follow;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("bftvote detections: not implemented yet");
    return Main.USAGE;
  }
}
