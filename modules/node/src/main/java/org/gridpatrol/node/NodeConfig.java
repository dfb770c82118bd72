package org.gridpatrol.node;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.gridpatrol.domain.calendar.WorkingHours;
import org.gridpatrol.domain.checkin.ClaimRule;
import org.gridpatrol.domain.checkin.FilterSettings;
import org.gridpatrol.web.SecurityHeaders;

/**
 * The node's configuration as the code uses it: one record per section of {@code config/gridpatrol.yaml}, read
 * from {@link Settings} and checked once at start, so a wrong value stops the node with the key's name instead
 * of failing somewhere later. Every key is read here and nowhere else; what a key means is said once, on the
 * record component it becomes (the YAML file repeats it for the people who edit it).
 */
public record NodeConfig(
    Process process,
    Http http,
    MapView map,
    OsmAnd osmand,
    Database db,
    ClusterConfig cluster,
    City city,
    Checkin checkin,
    Overdue overdue,
    Cases cases,
    Auth auth,
    Demo demo) {

  /**
   * What the process is and keeps.
   *
   * @param name          {@code node.name}: the name in logs and /ready; empty means cluster.host:http.port
   * @param logFormat     {@code log.format}: "text" for people, "json" for log shippers
   * @param dataDir       {@code data.dir}: embedded PostgreSQL, demo tokens and the admin token live here
   * @param adminToken    {@code admin.token}: bearer token with every right; empty: made on first start and
   *                      kept in data.dir/admin-token
   * @param retentionDays {@code positions.retention_days}: days of positions kept (older daily partitions are
   *                      dropped); 0 keeps everything
   * @param metricsToken  {@code metrics.token}: bearer token that reads /metrics and nothing else (for
   *                      Prometheus); empty: made on first start and kept in data.dir/metrics-token
   */
  public record Process(String name, String logFormat, Path dataDir, String adminToken, int retentionDays,
                        String metricsToken) {}

  /**
   * The REST API, the pages and the live socket.
   *
   * @param host      {@code http.host}
   * @param port      {@code http.port}
   * @param instances {@code http.instances}: event loops serving HTTP; 0 in the file means one per two cores
   */
  public record Http(String host, int port, int instances) {}

  /**
   * The control-room map.
   *
   * @param tileUrl         {@code map.tile_url}: base-map tiles template; empty for the grid alone
   * @param tileAttribution {@code map.tile_attribution}: shown with the tiles
   * @param recent          {@code map.recent_minutes}: a cell visited within this shows as visited
   * @param frameMillis     {@code map.frame_ms}: live updates go to each browser at most this often
   */
  public record MapView(String tileUrl, String tileAttribution, Duration recent, int frameMillis) {}

  /**
   * The OsmAnd / Traccar Client intake.
   *
   * @param host       {@code osmand.host}
   * @param port       {@code osmand.port}
   * @param requireKey {@code osmand.require_key}: refuse fixes without the device's key; false lets a city's
   *                   legacy devices (set up before keys) on with their id alone, and warns at start
   * @param publicUrl  {@code osmand.public_url}: the server URL handhelds reach, put with the key in the
   *                   enrolment QR code; empty: this node's host as the browser reached it, on osmand.port
   * @param recheck    {@code osmand.devices_recheck_ms}: how often a node checks the devices for changes it
   *                   was not told of (a retired or re-keyed device is refused within this, plus a reload)
   */
  public record OsmAnd(String host, int port, boolean requireKey, String publicUrl, Duration recheck) {}

  /**
   * PostgreSQL.
   *
   * @param url          {@code db.url}: postgresql://user:password@host:port/db; empty starts the embedded one
   * @param embeddedPort {@code db.embedded_port}: the embedded PostgreSQL's port on 127.0.0.1 (0: any free)
   * @param poolSize     {@code db.pool_size}: connections this node opens
   */
  public record Database(String url, int embeddedPort, int poolSize) {}

  /**
   * Hazelcast and the clustered event bus.
   *
   * @param name             {@code cluster.name}
   * @param host             {@code cluster.host}: the address this node binds and announces
   * @param port             {@code cluster.port}: Hazelcast's port (the next free one if taken)
   * @param members          {@code cluster.members}: host:port of the members to contact (TCP-IP join)
   * @param eventBusPort     {@code cluster.event_bus_port}: 0 picks a free one
   * @param heartbeatSeconds {@code cluster.heartbeat_seconds}
   * @param failureSeconds   {@code cluster.failure_seconds}: a member silent this long is removed
   * @param shardCount       {@code shards.count}: cells map to this many shards; never change it on a live
   *                         cluster
   */
  public record ClusterConfig(String name, String host, int port, List<String> members, int eventBusPort,
                              int heartbeatSeconds, int failureSeconds, int shardCount) {}

  /**
   * The city's time and days.
   *
   * @param zone           {@code city.time_zone}: "today", working days and the times the API shows
   * @param calendarDir    {@code calendar.dir}: one directory per region, one YAML file per year
   * @param calendarRegion {@code calendar.region}: the region whose calendar decides working days and holidays
   */
  public record City(ZoneId zone, Path calendarDir, String calendarRegion) {}

  /**
   * Check-in intake.
   *
   * @param maxBatchItems         {@code checkin.max_batch_items}: most check-ins in one POST
   * @param maxBodyBytes          {@code checkin.max_body_bytes}: largest request body
   * @param commitMaxRows         {@code checkin.commit_max_rows}: most rows in one group commit
   * @param commitsInFlight       {@code checkin.commits_in_flight}: commits that may run at once
   * @param commitParallelMinRows {@code checkin.commit_parallel_min_rows}: rows waiting before a second commit
   *                              runs beside the first
   * @param eventFlushMillis      {@code checkin.event_flush_ms}: accepted check-ins go on the event bus this often
   * @param visitGap              {@code checkin.visit_gap_minutes}: fixes in a cell this close are one visit
   * @param lastVisitLookback     {@code checkin.last_visit_days}: how far back a cell's last visit is looked for
   * @param silentAfter           {@code checkin.silent_after_minutes}: an officer heard from longer ago is silent
   * @param filters               {@code checkin.filters.*}: the GPS quality filters (0 turns a limit off)
   * @param maxAge                {@code checkin.filters.max_age_hours} (also how far back partitions are kept
   *                              ready); zero when the filter is off
   * @param claims                {@code checkin.claim_tolerance_metres}: an explicit "I am at this cell" check-in
   *                              counts when its fix lies in the cell or within its accuracy plus this
   * @param commitTimeout         {@code checkin.commit_timeout_ms}: a check-in not committed within this is
   *                              answered 503 (the database hangs); the device sends it again
   * @param maxQueuedRows         {@code checkin.max_queued_rows}: check-ins waiting for a commit at most; more
   *                              are answered 503 at once
   */
  public record Checkin(int maxBatchItems, int maxBodyBytes, int commitMaxRows, int commitsInFlight,
                        int commitParallelMinRows, int eventFlushMillis, Duration visitGap, Duration lastVisitLookback,
                        Duration silentAfter, FilterSettings filters, Duration maxAge, ClaimRule claims,
                        Duration commitTimeout, int maxQueuedRows) {}

  /** @param catchUp {@code overdue.catch_up_hours}: the past windows taken up on start and on shard moves */
  public record Overdue(Duration catchUp) {}

  /**
   * Cases and escalation.
   *
   * @param configFile            {@code cases.config_file}: categories, limits and policies seeding an empty database
   * @param workingHours          {@code cases.working_hours}: for limits counted in working time
   * @param photoDir              {@code cases.photo_dir}: under data.dir unless absolute
   * @param photoMaxBytes         {@code cases.photo_max_bytes}
   * @param patrolOverdueCategory {@code cases.patrol_overdue_category}: category of cases opened for missed patrols
   * @param officerSilentCategory {@code cases.officer_silent_category}: category of cases opened for silent officers
   * @param tick                  {@code cases.tick_ms}: how often escalation looks for due work
   * @param webhooksFile          {@code cases.webhooks_file}: YAML list of {name, url, secret}; null for none
   * @param webhookAttempts       {@code cases.webhook_attempts}: tries before a call is dead (replayable)
   * @param webhookFirstRetry     {@code cases.webhook_first_retry_seconds}: doubling from here ...
   * @param webhookLongestRetry   {@code cases.webhook_longest_retry_seconds}: ... up to here
   * @param webhookTimeout        {@code cases.webhook_timeout_seconds}
   */
  public record Cases(Path configFile, WorkingHours workingHours, Path photoDir, int photoMaxBytes,
                      String patrolOverdueCategory, String officerSilentCategory, Duration tick, Path webhooksFile,
                      int webhookAttempts, Duration webhookFirstRetry, Duration webhookLongestRetry,
                      Duration webhookTimeout) {}

  /**
   * Logins.
   *
   * @param sessionLength {@code auth.session_hours}: how long a login lasts
   * @param maxFailures   {@code auth.max_failures}: wrong passwords in a row before an account is locked
   * @param firstLock     {@code auth.first_lock_seconds}: the first lock, doubling with each further failure ...
   * @param longestLock   {@code auth.longest_lock_minutes}: ... up to this
   * @param bcryptCost    {@code auth.bcrypt_cost}: work factor of stored passwords (4 to 31)
   * @param secureCookie  {@code auth.secure_cookie}: the session cookie goes over HTTPS only
   * @param bcryptThreads {@code auth.bcrypt_threads}: threads that check passwords (a login storm gets no more)
   * @param bcryptQueue   {@code auth.bcrypt_queue}: logins that may wait for one; beyond, 429 at once
   * @param loginsPerClientPerMinute {@code auth.logins_per_client_per_minute}: login attempts one address may
   *                      make a minute
   */
  public record Auth(Duration sessionLength, int maxFailures, Duration firstLock, Duration longestLock, int bcryptCost,
                     boolean secureCookie,
                     int bcryptThreads, int bcryptQueue, int loginsPerClientPerMinute) {}

  /**
   * The demo city.
   *
   * @param load     {@code demo.load}: load the demo city (and its plans and accounts) into an empty database
   * @param cityFile {@code demo.city_file}: the demo city's plan
   * @param plansDir {@code demo.plans_dir}: patrol plans loaded with it
   */
  public record Demo(boolean load, Path cityFile, Path plansDir) {}

  /**
   * Reads and checks every key.
   *
   * @throws IllegalStateException naming the key (and its environment variable) whose value cannot be used
   */
  public static NodeConfig read(Settings settings) {
    Reader in = new Reader(settings);
    Path dataDir = Path.of(in.text("data.dir")).toAbsolutePath().normalize();
    Process process = new Process(in.text("node.name"), in.oneOf("log.format", "text", "json"), dataDir,
        in.text("admin.token"), in.atLeast("positions.retention_days", 0), in.text("metrics.token"));
    Http http = new Http(in.text("http.host"), in.port("http.port"), in.atLeast("http.instances", 0));
    String tileUrl = in.text("map.tile_url");
    try {
      SecurityHeaders.tileSource(tileUrl);
    } catch (IllegalArgumentException e) {
      throw in.invalid("map.tile_url", e.getMessage());
    }
    MapView map = new MapView(tileUrl, in.text("map.tile_attribution"),
        Duration.ofMinutes(in.atLeast("map.recent_minutes", 1)), in.atLeast("map.frame_ms", 10));
    String publicUrl = in.text("osmand.public_url");
    if (!publicUrl.isBlank() && !publicUrl.matches("https?://[^\\s/?#]+(/[^\\s?#]*)?")) {
      throw in.invalid("osmand.public_url", "must be an http:// or https:// URL without query, e.g. http://patrol.example.gov.cn:5055");
    }
    OsmAnd osmand = new OsmAnd(in.text("osmand.host"), in.port("osmand.port"), settings.flag("osmand.require_key"),
        publicUrl.replaceAll("/+$", ""), Duration.ofMillis(in.atLeast("osmand.devices_recheck_ms", 100)));
    Database db = new Database(in.text("db.url"), in.port("db.embedded_port"), in.atLeast("db.pool_size", 1));
    List<String> members = settings.list("cluster.members");
    if (members.isEmpty()) {
      throw in.invalid("cluster.members", "at least one host:port is needed (this node's own address will do)");
    }
    ClusterConfig cluster = new ClusterConfig(in.text("cluster.name"), in.text("cluster.host"),
        in.port("cluster.port"), members, in.port("cluster.event_bus_port"), in.atLeast("cluster.heartbeat_seconds", 1),
        in.atLeast("cluster.failure_seconds", 2), in.atLeast("shards.count", 1));
    City city = new City(in.zone("city.time_zone"), Path.of(in.text("calendar.dir")), in.text("calendar.region"));
    Duration maxAge = Duration.ofHours(in.atLeast("checkin.filters.max_age_hours", 0));
    FilterSettings filters = new FilterSettings(
        settings.flag("checkin.filters.invalid"),
        settings.flag("checkin.filters.zero"),
        positiveOrOff(Duration.ofSeconds(in.atLeast("checkin.filters.max_future_seconds", 0))),
        positiveOrOff(maxAge),
        positiveOrOff(settings.number("checkin.filters.max_accuracy_metres")),
        positiveOrOff(settings.number("checkin.filters.max_speed_mps")),
        settings.flag("checkin.filters.duplicate"));
    Checkin checkin = new Checkin(in.atLeast("checkin.max_batch_items", 1), in.atLeast("checkin.max_body_bytes", 1024),
        in.atLeast("checkin.commit_max_rows", 1), in.atLeast("checkin.commits_in_flight", 1),
        in.atLeast("checkin.commit_parallel_min_rows", 1), in.atLeast("checkin.event_flush_ms", 1),
        Duration.ofMinutes(in.atLeast("checkin.visit_gap_minutes", 1)),
        Duration.ofDays(in.atLeast("checkin.last_visit_days", 1)),
        Duration.ofMinutes(in.atLeast("checkin.silent_after_minutes", 1)), filters, maxAge,
        new ClaimRule(in.atLeast("checkin.claim_tolerance_metres", 0)),
        Duration.ofMillis(in.atLeast("checkin.commit_timeout_ms", 100)), in.atLeast("checkin.max_queued_rows", 1));
    Overdue overdue = new Overdue(Duration.ofHours(in.atLeast("overdue.catch_up_hours", 0)));
    WorkingHours workingHours;
    try {
      workingHours = WorkingHours.of(settings.list("cases.working_hours").toArray(new String[0]));
    } catch (RuntimeException e) {
      throw in.invalid("cases.working_hours", e.getMessage());
    }
    String webhooks = in.text("cases.webhooks_file");
    Cases cases = new Cases(Path.of(in.text("cases.config_file")), workingHours,
        dataDir.resolve(in.text("cases.photo_dir")), in.atLeast("cases.photo_max_bytes", 1024),
        in.text("cases.patrol_overdue_category"), in.text("cases.officer_silent_category"),
        Duration.ofMillis(in.atLeast("cases.tick_ms", 10)), webhooks.isBlank() ? null : Path.of(webhooks),
        in.atLeast("cases.webhook_attempts", 1), Duration.ofSeconds(in.atLeast("cases.webhook_first_retry_seconds", 1)),
        Duration.ofSeconds(in.atLeast("cases.webhook_longest_retry_seconds", 1)),
        Duration.ofSeconds(in.atLeast("cases.webhook_timeout_seconds", 1)));
    int bcryptCost = in.atLeast("auth.bcrypt_cost", 4);
    if (bcryptCost > 31) {
      throw in.invalid("auth.bcrypt_cost", "bcrypt's work factor is 4 to 31");
    }
    Auth auth = new Auth(Duration.ofHours(in.atLeast("auth.session_hours", 1)), in.atLeast("auth.max_failures", 1),
        Duration.ofSeconds(in.atLeast("auth.first_lock_seconds", 1)),
        Duration.ofMinutes(in.atLeast("auth.longest_lock_minutes", 1)), bcryptCost, settings.flag("auth.secure_cookie"),
        in.atLeast("auth.bcrypt_threads", 1), in.atLeast("auth.bcrypt_queue", 0),
        in.atLeast("auth.logins_per_client_per_minute", 1));
    Demo demo = new Demo(settings.flag("demo.load"), Path.of(in.text("demo.city_file")),
        Path.of(in.text("demo.plans_dir")));
    return new NodeConfig(process, http, map, osmand, db, cluster, city, checkin, overdue, cases, auth, demo);
  }

  /** The name in logs and /ready: node.name, else host:http-port. */
  public String nodeName() {
    return process.name().isBlank() ? cluster.host() + ":" + http.port() : process.name();
  }

  private static Duration positiveOrOff(Duration duration) {
    return duration.isZero() ? null : duration;
  }

  private static Double positiveOrOff(double value) {
    return value <= 0 ? null : value;
  }

  /** Typed reads with range checks whose errors name the key and its environment variable. */
  private record Reader(Settings settings) {
    String text(String key) {
      return settings.string(key);
    }

    int atLeast(String key, int min) {
      int value = settings.integer(key);
      if (value < min) {
        throw invalid(key, "must be at least " + min + ", not " + value);
      }
      return value;
    }

    int port(String key) {
      int value = settings.integer(key);
      if (value < 0 || value > 65_535) {
        throw invalid(key, "a port is 0 to 65535, not " + value);
      }
      return value;
    }

    String oneOf(String key, String... allowed) {
      String value = settings.string(key);
      if (!List.of(allowed).contains(value)) {
        throw invalid(key, "must be one of " + List.of(allowed) + ", not '" + value + "'");
      }
      return value;
    }

    ZoneId zone(String key) {
      try {
        return ZoneId.of(settings.string(key));
      } catch (DateTimeException e) {
        throw invalid(key, "must be a time zone such as Asia/Shanghai: " + e.getMessage());
      }
    }

    IllegalStateException invalid(String key, String problem) {
      return new IllegalStateException("Configuration key " + key + " (" + Settings.environmentName(key) + "): "
          + problem);
    }
  }
}
