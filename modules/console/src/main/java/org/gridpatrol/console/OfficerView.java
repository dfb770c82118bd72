package org.gridpatrol.console;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.gridpatrol.store.PositionQueries.LivePosition;
import org.gridpatrol.web.CityClock;

/** An officer on the map: where they were last and whether they have gone silent since. */
final class OfficerView {
  private final CityClock time;
  private final Duration silentAfter;

  OfficerView(CityClock time, Duration silentAfter) {
    this.time = time;
    this.silentAfter = silentAfter;
  }

  JsonObject json(LivePosition position, Instant now) {
    return new JsonObject()
        .put("officer", position.officer())
        .put("name", position.name())
        .put("team", position.team())
        .put("lat", position.lat())
        .put("lon", position.lon())
        .put("heading", position.heading())
        .put("cell", position.cell())
        .put("at", time.local(position.fixTime()))
        .put("silent", position.lastReceivedAt().isBefore(now.minus(silentAfter)));
  }
}
