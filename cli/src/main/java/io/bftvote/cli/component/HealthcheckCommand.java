package io.bftvote.cli.component;

import io.bftvote.cli.CliException;
import io.bftvote.cli.Main;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * A container health check that needs nothing but the JRE (the image has no curl): GET the
 * component's health URL and turn the answer into an exit code.
 */
@Command(name = "healthcheck", mixinStandardHelpOptions = true,
    description = {"Checks that a component answers over HTTP: exit 0 healthy, 1 not.",
        "%nHealthy means a 2xx answer to GET URL within --timeout. Gateway and tally: /health;",
        "replica i: http://localhost:8100+i/status."})
public final class HealthcheckCommand implements Callable<Integer> {
  /** The start of an unhealthy answer's body is kept: the container's health log shows why. */
  private static final int MAX_REASON_CHARS = 200;

  @Spec
  CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "URL",
      defaultValue = "${env:BFTVOTE_HEALTHCHECK_URL:-http://localhost:8080/health}",
      description = "What to check (env BFTVOTE_HEALTHCHECK_URL; default: ${DEFAULT-VALUE}).")
  String url;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "3",
      description = "Unhealthy when there is no answer within this long (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Override
  public Integer call() {
    if (timeoutSeconds <= 0) {
      throw CliException.usage("healthcheck: --timeout must be at least 1 second, got " + timeoutSeconds);
    }
    HttpResponse<String> answer = get(request());
    if (answer.statusCode() / 100 != 2) {
      throw CliException.failure("unhealthy: " + url + " answered " + answer.statusCode() + " " + reason(answer.body()));
    }
    spec.commandLine().getOut().println("healthy: " + url + " answered " + answer.statusCode());
    return Main.OK;
  }

  private HttpRequest request() {
    try {
      return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(timeoutSeconds)).GET().build();
    } catch (IllegalArgumentException e) {
      throw CliException.usage("healthcheck: not an http URL: '" + url + "' (" + e.getMessage() + ")");
    }
  }

  private HttpResponse<String> get(HttpRequest request) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(timeoutSeconds)).build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (ConnectException e) {
      throw CliException.failure("unhealthy: nothing answers at " + url + " (not started yet, or stopped)");
    } catch (HttpTimeoutException e) {
      throw CliException.failure("unhealthy: " + url + " did not answer within " + timeoutSeconds + " s");
    } catch (IOException e) {
      throw CliException.failure("unhealthy: " + url + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CliException.failure("unhealthy: interrupted while checking " + url);
    }
  }

  private static String reason(String body) {
    String oneLine = body.strip().replaceAll("\\s+", " ");
    return oneLine.length() <= MAX_REASON_CHARS ? oneLine : oneLine.substring(0, MAX_REASON_CHARS) + "…";
  }
}
