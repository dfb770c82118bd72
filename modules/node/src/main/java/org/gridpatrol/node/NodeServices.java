package org.gridpatrol.node;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.sqlclient.Pool;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.gridpatrol.checkin.CheckinService;
import org.gridpatrol.checkin.LiveGrid;
import org.gridpatrol.domain.access.Passwords;
import org.gridpatrol.domain.calendar.HolidayCalendars;
import org.gridpatrol.escalation.CaseService;
import org.gridpatrol.store.AlertRepository;
import org.gridpatrol.store.CaseRepository;
import org.gridpatrol.store.DirectoryRepository;
import org.gridpatrol.store.GridRepository;
import org.gridpatrol.store.NotificationRepository;
import org.gridpatrol.store.PlanRepository;
import org.gridpatrol.store.PositionQueries;
import org.gridpatrol.store.UserRepository;

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
    ClusterHealth clusterHealth,
    Cases casesParts,
    People people) {

  /** People: accounts and sessions, who is calling, password hashing. */
  record People(UserRepository users, Access access, Passwords passwords) {}

  UserRepository users() {
    return people.users();
  }

  Access access() {
    return people.access();
  }

  Passwords passwords() {
    return people.passwords();
  }


  /** The cases part: configuration, the service acting on cases, their store, photos and notifications. */
  record Cases(CasesConfigStore config, CaseService service, CaseRepository repository, PhotoStore photos,
               NotificationRepository notifications) {}

  CasesConfigStore casesConfig() {
    return casesParts.config();
  }

  CaseService cases() {
    return casesParts.service();
  }

  CaseRepository caseRepository() {
    return casesParts.repository();
  }

  PhotoStore photos() {
    return casesParts.photos();
  }

  NotificationRepository notifications() {
    return casesParts.notifications();
  }

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
