package org.gridpatrol.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A login storm (issue 14): bcrypt runs on its own bounded threads, so many logins at once get an immediate 429
 * with Retry-After instead of queueing without end, one address has an allowance of attempts a minute, and
 * check-ins go on meanwhile.
 */
class LoginStormTest {
  @TempDir
  static Path dataDir;
  static TestNode node;
  /** Held in the middle of a minute, so that every attempt of the storm falls into the same minute's allowance. */
  static MutableClock clock;

  @BeforeAll
  static void start() {
    clock = new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES).plusSeconds(30));
    // The configuration's own bcrypt cost, so that a check takes real time, and small bounds to reach.
    node = TestNode.start("storm", dataDir, Map.of("auth.bcrypt_cost", 11, "auth.bcrypt_threads", 1,
        "auth.bcrypt_queue", 2, "auth.logins_per_client_per_minute", 20), clock);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void aStormOfLoginsIsRefusedAtOnceBeyondTheBoundsAndCheckInsGoOn() {
    HttpClient client = HttpClient.newHttpClient();
    List<CompletableFuture<HttpResponse<String>>> logins = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      logins.add(client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort
              + "/api/v1/login")).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("username", "made-up-" + i)
              .put("password", "whatever-it-is").encode())).build(), HttpResponse.BodyHandlers.ofString()));
    }
    // Meanwhile a handheld checks in.
    JsonObject checkin = node.post("/api/v1/checkins", node.deviceToken("100007"), new JsonObject().put("checkins",
        new JsonArray().add(new JsonObject().put("id", "storm").put("time", clock.instant().minusSeconds(5).toString())
            .put("lat", 39.9405).put("lon", 116.3955))).encode()).json();
    assertEquals(1, checkin.getInteger("accepted"), checkin.encode());

    List<String> rules = new ArrayList<>();
    for (CompletableFuture<HttpResponse<String>> login : logins) {
      HttpResponse<String> reply = login.join();
      String rule = new JsonObject(reply.body()).getJsonObject("error").getString("rule");
      rules.add(rule);
      if (reply.statusCode() == 429) {
        assertTrue(reply.headers().firstValue("Retry-After").isPresent(), reply.body());
      } else {
        assertEquals(401, reply.statusCode(), reply.body());
      }
    }
    assertTrue(rules.contains("busy"), "more at once than bcrypt's threads and queue: " + rules);
    assertEquals(10, rules.stream().filter("too_many_logins"::equals).count(), "20 attempts a minute: " + rules);
    assertTrue(rules.contains("wrong_credentials"), "those let on were checked: " + rules);
  }
}
