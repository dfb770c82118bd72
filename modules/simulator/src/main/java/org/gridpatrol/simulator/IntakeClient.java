package org.gridpatrol.simulator;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;

/** Sends check-ins to a node's two intakes over keep-alive HTTP/1.1 connections. */
final class IntakeClient {
  /** What the JSON API answered; the counts are zero unless the status is 200. */
  record BatchReply(int status, int accepted, int duplicates, int rejected) {}

  private final HttpClient client;
  private final Endpoint api;
  private final Endpoint osmAnd;
  private final long timeoutMillis;

  /** @param connections most connections to each endpoint */
  IntakeClient(Vertx vertx, Endpoint api, Endpoint osmAnd, int connections, long timeoutMillis) {
    this.client = vertx.createHttpClient(
        new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true).setPipelining(false),
        new PoolOptions().setHttp1MaxSize(connections));
    this.api = api;
    this.osmAnd = osmAnd;
    this.timeoutMillis = timeoutMillis;
  }

  /** Posts one device's batch (a body from {@link FixEncoding#jsonBatch}); fails only if no answer came. */
  Future<BatchReply> postBatch(String bearerHeader, Buffer body) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost(api.host())
        .setPort(api.port()).setURI(api.uri("/api/v1/checkins")).setTimeout(timeoutMillis);
    return client.request(options)
        .compose(request -> request
            .putHeader("Authorization", bearerHeader)
            .putHeader("Content-Type", "application/json")
            .send(body))
        .compose(response -> response.body().map(reply -> {
          if (response.statusCode() != 200) {
            return new BatchReply(response.statusCode(), 0, 0, 0);
          }
          JsonObject json = new JsonObject(reply);
          return new BatchReply(200, json.getInteger("accepted", 0), json.getInteger("duplicates", 0),
              json.getInteger("rejected", 0));
        }));
  }

  /** Sends one OsmAnd fix (a URI from {@link FixEncoding#osmAndQuery}); completes with the status code. */
  Future<Integer> sendOsmAnd(String query) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(osmAnd.host())
        .setPort(osmAnd.port()).setURI(osmAnd.uri(query)).setTimeout(timeoutMillis);
    return client.request(options)
        .compose(request -> request.send())
        .compose(response -> response.end().map(done -> response.statusCode()));
  }

  Future<Void> close() {
    return client.shutdown(1, TimeUnit.SECONDS);
  }
}
