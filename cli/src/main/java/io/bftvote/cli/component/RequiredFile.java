package io.bftvote.cli.component;

import io.bftvote.cli.CliException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Fails early, with a hint, when a file a component needs is not there. */
final class RequiredFile {
  private RequiredFile() {
  }

  static Path check(Path file, String what) {
    if (!Files.isRegularFile(file)) {
      throw CliException.failure("no " + what + " at " + file + " — run './bftvote devnet' once to create one,"
          + " or point to yours with the option shown in --help");
    }
    return file;
  }
}
