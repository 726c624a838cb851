package io.bftvote.cli.operator;

import com.fasterxml.jackson.databind.JsonNode;
import io.bftvote.cli.CliException;
import io.bftvote.cli.Main;
import io.bftvote.topics.Detection;
import io.bftvote.topics.Json;
import io.bftvote.topics.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "verify-evidence", mixinStandardHelpOptions = true,
    description = {"Checks offline whether a detection proves that a replica equivocated.",
        "%nFILE holds one detection as JSON: a line of 'detections --json', a record of bft.detections, or"
            + " an element of GET /api/detections. Both signed messages are checked against the replicas' keys.",
        "%nExit status: 0 proven, 1 not proven, 2 usage error or unreadable input."})
public final class VerifyEvidenceCommand implements Callable<Integer> {
  /** A detection carries at most two messages, each at most a Kafka record. */
  private static final long MAX_BYTES = 2L * Topics.MAX_MESSAGE_BYTES;
  private static final List<String> REQUIRED = List.of("kind", "accused", "view", "sequence", "phase", "evidence");

  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The detection to check; - reads standard input.")
  String file;

  @Mixin
  ClusterFileOption clusterFile;

  @Override
  public Integer call() {
    Detection detection = parse(read());
    EvidenceCheck check = EvidenceCheck.of(detection, clusterFile.require());
    PrintWriter out = spec.commandLine().getOut();
    check.report().forEach(out::println);
    return check.proven() ? Main.OK : Main.FAILURE;
  }

  private byte[] read() {
    try (InputStream in = "-".equals(file) ? System.in : openFile()) {
      byte[] bytes = in.readNBytes((int) MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw CliException.usage(file + " is larger than " + MAX_BYTES / (1024 * 1024) + " MiB, too large to be one detection");
      }
      return bytes;
    } catch (IOException e) {
      throw CliException.usage("cannot read " + file + ": " + e.getMessage());
    }
  }

  private InputStream openFile() throws IOException {
    Path path = Path.of(file);
    if (!Files.isRegularFile(path)) {
      throw CliException.usage("no file " + file + " — save a detection first, e.g. one line of"
          + " './bftvote detections --json'");
    }
    return Files.newInputStream(path);
  }

  /** One detection object; a one-element array (a saved GET /api/detections) is accepted too. */
  private Detection parse(byte[] bytes) {
    JsonNode json = onlyElement(readJson(bytes));
    if (!json.isObject()) {
      throw notADetection("expected a JSON object");
    }
    List<String> missing = REQUIRED.stream().filter(field -> !json.hasNonNull(field)).toList();
    if (!missing.isEmpty()) {
      throw notADetection("no " + String.join(", ", missing) + (json.hasNonNull("error")
          ? " (it is an error answer: " + json.get("error").asText() + ")" : ""));
    }
    try {
      return Json.MAPPER.treeToValue(json, Detection.class);
    } catch (IOException | IllegalArgumentException e) {
      throw notADetection(firstLine(e.getMessage()));
    }
  }

  private JsonNode readJson(byte[] bytes) {
    try {
      JsonNode json = Json.MAPPER.readTree(bytes);
      return json == null ? Json.MAPPER.missingNode() : json;
    } catch (IOException e) {
      throw notADetection("not one JSON value (" + firstLine(e.getMessage()) + ")");
    }
  }

  private JsonNode onlyElement(JsonNode json) {
    if (!json.isArray()) {
      return json;
    }
    if (json.size() != 1) {
      throw notADetection("a list of " + json.size() + " detections; save the one to check on its own");
    }
    return json.get(0);
  }

  private CliException notADetection(String why) {
    return CliException.usage(("-".equals(file) ? "standard input" : file) + " is not a detection: " + why);
  }

  private static String firstLine(String text) {
    return text == null ? "unreadable" : text.lines().findFirst().orElse(text);
  }
}
