package org.gridpatrol.node;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.sqlclient.Pool;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.gridpatrol.checkin.CheckinService;
import org.gridpatrol.checkin.LiveGrid;
import org.gridpatrol.domain.calendar.HolidayCalendars;
import org.gridpatrol.store.DirectoryRepository;
import org.gridpatrol.store.AlertRepository;
import org.gridpatrol.store.GridRepository;
import org.gridpatrol.store.PlanRepository;
import org.gridpatrol.store.PositionQueries;

/** What the node's verticles share: one of each per node, all thread-safe. */
record NodeServices(
    String nodeName,
    Settings settings,
    Clock clock,
    ZoneId cityZone,
    Path dataDir,
    Pool pool,
    PrometheusMeterRegistry registry,
    CheckinService checkins,
    LiveGrid grid,
    GridRepository gridRepository,
    DirectoryRepository directory,
    PlanRepository plans,
    AlertRepository alerts,
    PositionQueries positions,
    HolidayCalendars calendars,
    String adminToken,
    ClusterHealth clusterHealth) {

  /** A time as the API shows it: ISO-8601 in the city's time zone. */
  String local(Instant instant) {
    return instant.atZone(cityZone).toOffsetDateTime().toString();
  }

  /** Whether this node is still a member of the cluster. */
  interface ClusterHealth {
    boolean connected();

    int members();
  }
}
