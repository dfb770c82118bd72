package org.gridpatrol.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.sqlclient.DatabaseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gridpatrol.domain.cases.CaseAction;
import org.gridpatrol.domain.cases.CaseStatus;
import org.gridpatrol.domain.cases.IllegalTransitionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The one failure handler on a real HTTP server: what each kind of failure is answered with. */
class FailureHandlerTest {
  static Vertx vertx;
  static int port;

  /** A database error with the given SQLSTATE, as the PostgreSQL client reports one. */
  static final class SqlError extends DatabaseException {
    SqlError(String sqlState) {
      super("sqlstate " + sqlState, 0, sqlState);
    }
  }

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    FailureHandler.install(router);
    router.get("/input").handler(ctx -> {
      throw new InputException("limit", "range", "limit must be between 1 and 10");
    });
    router.get("/missing").handler(ctx -> Future.failedFuture(RequestException.notFound("id", "no case 7")
        .header("X-Why", "test")).onFailure(ctx::fail));
    router.get("/transition").handler(ctx -> ctx.fail(new IllegalTransitionException(CaseStatus.CLOSED,
        CaseAction.DISPATCH, List.of(CaseAction.REOPEN))));
    router.get("/db-down").handler(ctx -> ctx.fail(new SqlError("57P01")));
    router.get("/db-bug").handler(ctx -> ctx.fail(new SqlError("42P01")));
    router.get("/refused").handler(ctx -> ctx.fail(new RuntimeException("wrapped", new ConnectException("refused"))));
    router.get("/bug").handler(ctx -> {
      throw new NullPointerException("a bug");
    });
    router.post("/small").handler(BodyHandler.create(false).setBodyLimit(10)).handler(ctx -> ctx.end("ok"));
    router.get("/query").handler(ctx -> ctx.end(String.valueOf(ctx.queryParams().get("a"))));
    HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0)
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    port = server.actualPort();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  record Answer(int status, String head, String body) {
    JsonObject error() {
      return new JsonObject(body).getJsonObject("error");
    }

    String header(String name) {
      return head.lines().filter(line -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1))
          .map(line -> line.substring(name.length() + 1).trim()).findFirst().orElse(null);
    }
  }

  /** Raw HTTP/1.1, so that request targets java.net.URI would refuse can be sent. */
  static Answer send(String method, String target, String body) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write((method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
          + (body == null ? "" : "Content-Type: text/plain\r\nContent-Length: " + body.length() + "\r\n") + "\r\n"
          + (body == null ? "" : body)).getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int split = answer.indexOf("\r\n\r\n");
      return new Answer(Integer.parseInt(answer.substring(9, 12)), answer.substring(0, split), answer.substring(split + 4));
    }
  }

  @Test
  void inputErrorsAre400NamingFieldAndRule() throws IOException {
    Answer answer = send("GET", "/input", null);
    assertEquals(400, answer.status());
    assertEquals(new JsonObject().put("field", "limit").put("rule", "range")
        .put("message", "limit must be between 1 and 10"), answer.error());
    assertEquals("application/json; charset=utf-8", answer.header("Content-Type"));
  }

  @Test
  void aRequestExceptionGetsItsStatusAndHeaders() throws IOException {
    Answer answer = send("GET", "/missing", null);
    assertEquals(404, answer.status());
    assertEquals("not_found", answer.error().getString("rule"));
    assertEquals("test", answer.header("X-Why"));
  }

  @Test
  void anIllegalTransitionIs409WithTheAllowedActions() throws IOException {
    Answer answer = send("GET", "/transition", null);
    assertEquals(409, answer.status());
    assertEquals("illegal_transition", answer.error().getString("rule"));
    assertEquals(new JsonArray().add("reopen"), new JsonObject(answer.body()).getJsonArray("allowed"));
  }

  @Test
  void aDatabaseThatCannotAnswerIs503WithRetryAfter() throws IOException {
    for (String path : new String[] {"/db-down", "/refused"}) {
      Answer answer = send("GET", path, null);
      assertEquals(503, answer.status(), path);
      assertEquals("1", answer.header("Retry-After"), path);
      assertEquals("unavailable", answer.error().getString("rule"), path);
    }
  }

  @Test
  void aBugIsALogged500ThatTellsNothingInside() throws IOException {
    for (String path : new String[] {"/bug", "/db-bug"}) {
      Answer answer = send("GET", path, null);
      assertEquals(500, answer.status(), path);
      assertEquals("internal", answer.error().getString("rule"), path);
      assertFalse(answer.body().contains("a bug"), path);
      assertNull(answer.header("Retry-After"), path);
    }
  }

  @Test
  void theRoutersOwnRefusalsHaveTheSameShape() throws IOException {
    Answer large = send("POST", "/small", "more than ten bytes");
    assertEquals(413, large.status());
    assertEquals("too_large", large.error().getString("rule"));
    Answer path = send("GET", "/nowhere", null);
    assertEquals(404, path.status());
    assertEquals("path", path.error().getString("field"));
    Answer method = send("DELETE", "/input", null);
    assertEquals(405, method.status());
    assertEquals("method", method.error().getString("field"));
  }

  @Test
  void aMalformedPercentEscapeIs400NotA500() throws IOException {
    for (String query : new String[] {"a=%zz", "a=%E", "a=1%"}) {
      Answer answer = send("GET", "/query?" + query, null);
      assertEquals(400, answer.status(), query + ": " + answer.body());
      assertEquals("query", answer.error().getString("field"), query);
      assertEquals("malformed", answer.error().getString("rule"), query);
    }
    assertEquals("b c", send("GET", "/query?a=b%20c", null).body(), "a good escape is still read");
  }
}
