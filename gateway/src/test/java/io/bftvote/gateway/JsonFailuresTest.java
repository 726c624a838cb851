package io.bftvote.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class JsonFailuresTest {
  @Test
  @DisplayName("a handler that throws yields a JSON 500 that does not leak the exception")
  void thrownExceptionBecomesAJson500(Vertx vertx) {
    Router router = Router.router(vertx);
    router.get("/boom").handler(ctx -> {
      throw new IllegalStateException("secret internal detail");
    });
    router.route().failureHandler(JsonFailures::handle);
    HttpServer server = GatewayUnderTest.await(vertx.createHttpServer().requestHandler(router).listen(0));

    HttpResponse<Buffer> response = GatewayUnderTest.await(
        WebClient.create(vertx).get(server.actualPort(), "localhost", "/boom").send());

    assertEquals(500, response.statusCode());
    assertEquals(new JsonObject().put("error", "internal error in the gateway; the operator will find it in the gateway log"),
        response.bodyAsJsonObject());
    assertFalse(response.bodyAsString().contains("secret"));
  }

  @Test
  @DisplayName("a path the router cannot decode is a JSON 400, not a bare one or a 500")
  void undecodablePathIsAJson400(Vertx vertx) {
    Router router = Router.router(vertx);
    router.get("/api/votes/:id").handler(ctx -> ctx.response().end("found"));
    router.errorHandler(400, JsonFailures::undecodablePath);
    HttpServer server = GatewayUnderTest.await(vertx.createHttpServer().requestHandler(router).listen(0));

    HttpResponse<Buffer> response = GatewayUnderTest.await(
        WebClient.create(vertx).get(server.actualPort(), "localhost", "/api/votes/%zz").send());

    assertEquals(400, response.statusCode());
    assertEquals(new JsonObject().put("error",
        "the request path cannot be decoded (bad %-encoding or invalid UTF-8): /api/votes/%zz"), response.bodyAsJsonObject());
  }
}
