package io.bftvote.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.replica.ReplicaConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The image runs the CLI the build produces, as a non-root user, and checks health with the CLI itself. */
class DockerfileTest {
  private static final String MAIN = "io.bftvote.cli.Main";
  private static final String CLASSPATH = "/app/bftvote-cli.jar:/app/lib/*";

  private final Dockerfile dockerfile = Dockerfile.load();
  private final CliModel cli = new CliModel();

  @Test
  void itCopiesWhatTheCliBuildProducesAndTheBuildContextAdmitsIt() {
    List<String> copies = dockerfile.all("COPY");
    assertTrue(copies.contains("cli/target/lib/ /app/lib/"), copies.toString());
    assertTrue(copies.contains("cli/target/bftvote-cli.jar /app/bftvote-cli.jar"), copies.toString());

    String cliPom = RepoFiles.read("cli/pom.xml");
    assertTrue(cliPom.contains("<finalName>bftvote-cli</finalName>"), "the cli build names its jar bftvote-cli.jar");
    assertTrue(cliPom.contains("<outputDirectory>${project.build.directory}/lib</outputDirectory>"),
        "the cli build copies its dependencies to cli/target/lib");

    List<String> context = RepoFiles.read(".dockerignore").lines().filter(l -> l.startsWith("!")).toList();
    assertEquals(List.of("!cli/target/bftvote-cli.jar", "!cli/target/lib/"), context);
  }

  @Test
  void theEntrypointRunsTheCliSoTheCommandPicksTheComponent() {
    List<String> entrypoint = Dockerfile.execForm(dockerfile.one("ENTRYPOINT"));
    assertEquals("java", entrypoint.get(0));
    assertEquals(List.of("-cp", CLASSPATH, MAIN), entrypoint.subList(entrypoint.size() - 3, entrypoint.size()));
  }

  @Test
  void theHealthCheckIsTheCliHealthcheckCommand() {
    String healthcheck = dockerfile.one("HEALTHCHECK");
    List<String> command = Dockerfile.execForm(healthcheck.substring(healthcheck.indexOf("CMD")));
    assertEquals(List.of("-cp", CLASSPATH, MAIN, "healthcheck"), command.subList(command.size() - 4, command.size()));
    assertTrue(cli.hasCommand("healthcheck"));
    assertTrue(cli.environment("healthcheck").containsKey("BFTVOTE_HEALTHCHECK_URL"),
        "each service points the one HEALTHCHECK at its own component");
  }

  @Test
  void itRunsAsANonRootUser() {
    String user = dockerfile.one("USER");
    assertFalse(user.startsWith("root") || user.startsWith("0"), "USER " + user);
  }

  @Test
  void itExposesTheComponentsDefaultPorts() {
    int gateway = Integer.parseInt(CliModel.fallback(cli.argument("gateway", "--port").orElseThrow()));
    int tally = Integer.parseInt(CliModel.fallback(cli.argument("tally", "--port").orElseThrow()));
    assertEquals(gateway + " " + tally + " " + ReplicaConfig.ADMIN_PORT_BASE, dockerfile.one("EXPOSE"));
  }

  @Test
  void theBaseImageIsAnOfficialJava17Runtime() {
    assertEquals("eclipse-temurin:17-jre", dockerfile.one("FROM"));
  }
}
