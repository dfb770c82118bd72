package org.gridpatrol.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Waits for a node that is still starting: its devices file written and {@code GET /ready} answering 200. */
final class ReadyWait {

  private ReadyWait() {}

  /** @return true once both hold, false if they still do not after {@code patience} */
  static boolean await(Endpoint api, Path devicesFile, Duration patience) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest ready = HttpRequest.newBuilder(URI.create(api + "/ready")).timeout(Duration.ofSeconds(3)).build();
    long deadline = System.nanoTime() + patience.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(devicesFile) && answersReady(http, ready)) {
        return true;
      }
      Thread.sleep(1000);
    }
    return false;
  }

  private static boolean answersReady(HttpClient http, HttpRequest ready) throws InterruptedException {
    try {
      return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException notYet) {
      return false;
    }
  }
}
