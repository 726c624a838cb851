package io.bftvote.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@DisplayName("A client posting votes faster than its rate limit")
class RateLimitTest {
  /** One vote per 100 s after a burst of 3: the bucket does not refill while the test runs. */
  static final ApiLimits TIGHT = new ApiLimits(0.01, 3, 10);

  @TempDir
  static Path dir;
  static GatewayUnderTest gateway;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    gateway = GatewayUnderTest.start(vertx, dir, "localhost:" + GatewayUnderTest.closedPort(), "http://localhost:1",
        List.of(), GatewayUnderTest.IMPATIENT_KAFKA, new TestCluster(), TIGHT);
  }

  @AfterAll
  static void stop() {
    if (gateway != null) gateway.close();
  }

  @Test
  @DisplayName("gets its burst, then 429 with Retry-After and a JSON error that says the limit")
  void isRefusedWith429AfterItsBurst() {
    for (int i = 0; i < TIGHT.voteBurst(); i++) {
      assertEquals(400, gateway.post("/api/votes", "{}").statusCode(), "vote " + i + " of the burst is judged on its merits");
    }

    HttpResponse<Buffer> refused = gateway.post("/api/votes", "{}");

    assertEquals(429, refused.statusCode());
    assertEquals("100", refused.getHeader("Retry-After"));
    String error = refused.bodyAsJsonObject().getString("error");
    assertTrue(error.startsWith("too many votes from 127.0.0.1: the limit is 0.01 per second in bursts of up to 3;"), error);
    assertTrue(gateway.metrics().contains("gateway_votes_rejected_total{reason=\"rate-limited\"}"));
  }

  @Test
  @DisplayName("is limited on votes only: reading the API stays open")
  void readingIsNotLimited() {
    for (int i = 0; i < 10; i++) {
      assertEquals(200, gateway.get("/api/elections").statusCode());
    }
  }
}
