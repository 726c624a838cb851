package io.bftvote.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.bftvote.cli.Main;
import io.bftvote.topics.Cluster;
import io.bftvote.topics.Json;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * The documented Kubernetes workflow, minus the cluster: write the genesis into an overlay with
 * {@code bftvote genesis}, render it with {@code kubectl kustomize}, and check what would be
 * applied. Skipped where kubectl is not installed; the unrendered files are checked regardless.
 */
class KustomizeRenderTest {
  @TempDir
  Path work;

  private final KubeValidator validator = new KubeValidator();

  @ParameterizedTest(name = "overlay n{0}")
  @CsvSource({"4", "7"})
  void theOverlayRendersValidObjectsWiredToTheGenesisItWasGiven(int n) throws Exception {
    assumeTrue(kubectlWorks(), "kubectl is not installed: the overlays are checked unrendered only");
    Path k8s = copyOfK8s();
    Path overlay = k8s.resolve("overlays/n" + n);
    int genesis = new CommandLine(new Main()).execute("genesis", "--out", overlay.resolve("genesis").toString(),
        "--replicas", String.valueOf(n));
    assertEquals(Main.OK, genesis);

    List<JsonNode> rendered = RepoFiles.parse(run("kubectl", "kustomize", overlay.toString()));

    List<HasMetadata> objects = rendered.stream().map(validator::read).toList();
    StatefulSet replicas = one(objects, StatefulSet.class, "bftvote-replica");
    assertEquals(n, replicas.getSpec().getReplicas());
    Secret keys = objects.stream().filter(Secret.class::isInstance).map(Secret.class::cast).findFirst().orElseThrow();
    assertEquals(IntStream.range(0, n).mapToObj(i -> "replica-" + i + ".key").collect(Collectors.toCollection(TreeSet::new)),
        new TreeSet<>(keys.getData().keySet()));
    ConfigMap genesisFiles = objects.stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
        .findFirst().orElseThrow();
    assertEquals(n, Json.read(genesisFiles.getData().get("cluster.json").getBytes(StandardCharsets.UTF_8), Cluster.class).n());

    // The generated names carry a content hash; every pod must mount the generated objects.
    Set<String> mounted = objects.stream().flatMap(o -> Workload.of(o).stream())
        .flatMap(w -> w.pod().getVolumes().stream())
        .flatMap(v -> Stream.of(v.getConfigMap() == null ? null : v.getConfigMap().getName(),
            v.getSecret() == null ? null : v.getSecret().getSecretName()))
        .filter(name -> name != null).collect(Collectors.toSet());
    assertEquals(Set.of(keys.getMetadata().getName(), genesisFiles.getMetadata().getName()), mounted);
    objects.forEach(o -> assertEquals("bftvote", o.getMetadata().getNamespace(), o.getKind()));
  }

  private Path copyOfK8s() throws IOException {
    Path source = RepoFiles.path("k8s");
    Path target = work.resolve("k8s");
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : files.filter(f -> !f.toString().contains("/genesis")).toList()) {
        Path copy = target.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(file, copy);
        }
      }
    }
    return target;
  }

  private static <T extends HasMetadata> T one(List<HasMetadata> objects, Class<T> type, String name) {
    return objects.stream().filter(type::isInstance).map(type::cast)
        .filter(o -> o.getMetadata().getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
  }

  private static boolean kubectlWorks() {
    try {
      run("kubectl", "version", "--client");
      return true;
    } catch (IOException | AssertionError e) {
      return false;
    }
  }

  private static String run(String... command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
    try {
      byte[] out = process.getInputStream().readAllBytes();
      String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
      assertEquals(0, process.exitValue(), String.join(" ", command) + " failed: " + err);
      return new String(out, StandardCharsets.UTF_8);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      process.destroy();
    }
  }
}
