package io.bftvote.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's files as a browser gets them (the browser test proper drives them in Chromium). */
@ExtendWith(VertxExtension.class)
@DisplayName("The dashboard page and its assets")
class DashboardTest {
  private static final Pattern ASSET_IN_PAGE = Pattern.compile("(?:src|href)=\"(/assets/[^\"]+)\"");
  private static final Pattern MODULE_IMPORT = Pattern.compile("from '\\./([^']+)'");

  @TempDir
  static Path dir;
  static GatewayUnderTest gateway;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    gateway = GatewayUnderTest.start(vertx, dir, "localhost:" + GatewayUnderTest.closedPort(), "http://localhost:1",
        List.of(), GatewayUnderTest.IMPATIENT_KAFKA);
  }

  @AfterAll
  static void stop() {
    if (gateway != null) gateway.close();
  }

  @Test
  @DisplayName("GET / serves the page as HTML under a content security policy that forbids foreign and inline code")
  void thePageIsHtmlUnderAStrictPolicy() {
    HttpResponse<Buffer> page = gateway.get("/");
    assertEquals(200, page.statusCode());
    assertTrue(page.getHeader("Content-Type").startsWith("text/html"), page.getHeader("Content-Type"));
    assertTrue(page.bodyAsString().contains("<script type=\"module\" src=\"/assets/app.js\"></script>"));
    String policy = page.getHeader("Content-Security-Policy");
    assertTrue(policy.contains("default-src 'self'"), policy);
    assertTrue(!policy.contains("unsafe-inline"), policy);
    assertEquals("nosniff", page.getHeader("X-Content-Type-Options"));
  }

  @Test
  @DisplayName("every script and stylesheet the page loads, and every module they import, is served with its type")
  void everyAssetThePageNeedsIsServed() {
    Set<String> served = new LinkedHashSet<>();
    Deque<String> toFetch = new ArrayDeque<>(matches(ASSET_IN_PAGE, gateway.get("/").bodyAsString()));
    while (!toFetch.isEmpty()) {
      String path = toFetch.pop();
      if (!served.add(path)) continue;
      HttpResponse<Buffer> asset = gateway.get(path);
      assertEquals(200, asset.statusCode(), path);
      String type = asset.getHeader("Content-Type");
      if (path.endsWith(".js")) {
        assertTrue(type.startsWith("text/javascript"), path + " is served as " + type + "; browsers refuse modules that are not JavaScript");
        matches(MODULE_IMPORT, asset.bodyAsString()).forEach(module -> toFetch.add("/assets/" + module));
      } else {
        assertTrue(path.endsWith(".css") && type.startsWith("text/css"), path + " is served as " + type);
      }
    }
    assertTrue(served.containsAll(List.of("/assets/app.js", "/assets/styles.css", "/assets/ballot.js", "/assets/vote.js")),
        "found " + served);
  }

  @Test
  @DisplayName("the parts a browser test drives carry stable test ids")
  void thePartsABrowserTestDrivesHaveTestIds() {
    String page = gateway.get("/").bodyAsString();
    for (String id : List.of("vote-election", "vote-candidate", "vote-submit", "vote-status", "key-generate",
        "key-paste", "key-import", "voter-id", "tallies", "cluster-rows", "blocks", "detections", "live-status")) {
      assertTrue(page.contains("data-testid=\"" + id + "\""), "the page lacks data-testid=" + id);
    }
    assertTrue(gateway.get("/assets/tallies.js").bodyAsString().contains("'data-testid': 'tally-bar'"));
    assertTrue(gateway.get("/assets/cluster.js").bodyAsString().contains("'data-testid': 'cluster-row'"));
    assertTrue(gateway.get("/assets/detections.js").bodyAsString().contains("'data-testid': 'detection'"));
  }

  @Test
  @DisplayName("an asset that does not exist is a JSON 404, not a page")
  void aMissingAssetIs404() {
    HttpResponse<Buffer> missing = gateway.get("/assets/nothing.js");
    assertEquals(404, missing.statusCode());
    assertEquals("no such endpoint: GET /assets/nothing.js", missing.bodyAsJsonObject().getString("error"));
  }

  @Test
  @DisplayName("a path that climbs out of the web root finds nothing")
  void pathsCannotClimbOutOfTheWebRoot() {
    assertEquals(404, gateway.get("/assets/../openapi.yaml").statusCode());
    assertEquals(404, gateway.get("/assets/%2e%2e/%2e%2e/io/bftvote/gateway/GatewayApp.class").statusCode());
  }

  private static List<String> matches(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    List<String> found = new java.util.ArrayList<>();
    while (m.find()) found.add(m.group(1));
    return found;
  }
}
