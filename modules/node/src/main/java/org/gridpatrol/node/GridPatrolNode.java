package org.gridpatrol.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.pgclient.PgBuilder;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.gridpatrol.checkin.CheckinMetrics;
import org.gridpatrol.checkin.CheckinService;
import org.gridpatrol.checkin.DeviceDirectory;
import org.gridpatrol.checkin.EventOutbox;
import org.gridpatrol.checkin.LiveGrid;
import org.gridpatrol.checkin.OsmAndVerticle;
import org.gridpatrol.checkin.ShardStateVerticle;
import org.gridpatrol.domain.access.Passwords;
import org.gridpatrol.domain.calendar.HolidayCalendar;
import org.gridpatrol.domain.calendar.HolidayCalendars;
import org.gridpatrol.domain.calendar.WorkingHours;
import org.gridpatrol.domain.calendar.WorkingTime;
import org.gridpatrol.domain.checkin.FilterSettings;
import org.gridpatrol.domain.grid.CellIndex.IndexedCell;
import org.gridpatrol.domain.checkin.FixFilter;
import org.gridpatrol.escalation.CaseService;
import org.gridpatrol.escalation.EscalationVerticle;
import org.gridpatrol.escalation.Webhook;
import org.gridpatrol.events.Addresses;
import org.gridpatrol.events.CheckinBatchCodec;
import org.gridpatrol.overdue.OverdueVerticle;
import org.gridpatrol.store.AlertRepository;
import org.gridpatrol.store.CaseConfigRepository;
import org.gridpatrol.store.CaseRepository;
import org.gridpatrol.store.DatabaseTarget;
import org.gridpatrol.store.DirectoryRepository;
import org.gridpatrol.store.EmbeddedDatabase;
import org.gridpatrol.store.EscalationRepository;
import org.gridpatrol.store.GridRepository;
import org.gridpatrol.store.Migrations;
import org.gridpatrol.store.NotificationRepository;
import org.gridpatrol.store.PartitionMaintenance;
import org.gridpatrol.store.PlanRepository;
import org.gridpatrol.store.PositionQueries;
import org.gridpatrol.store.PositionWriter;
import org.gridpatrol.store.UserRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One GridPatrol node: database (embedded or external), schema, clustered Vert.x, and the verticles. Start it
 * with {@link #start}; {@link #stop} leaves the cluster and shuts everything down.
 */
public final class GridPatrolNode {
  private static final Logger LOG = LoggerFactory.getLogger(GridPatrolNode.class);
  private static final long MAINTENANCE_PERIOD_MS = TimeUnit.HOURS.toMillis(1);

  private final Settings settings;
  private final Clock clock;
  private EmbeddedDatabase embedded;
  private DatabaseTarget databaseTarget;
  private Vertx vertx;
  private Pool pool;
  private EventOutbox outbox;
  private NodeServices services;

  public GridPatrolNode(Settings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  /** Starts the node; blocks until it serves or fails. */
  public GridPatrolNode start() {
    settings.unknownOverrides().forEach(name -> LOG.warn("Environment variable {} matches no setting; ignored", name));
    Path dataDir = Path.of(settings.string("data.dir")).toAbsolutePath().normalize();
    DatabaseTarget target = database(dataDir);
    databaseTarget = target;
    int migrations = Migrations.migrate(target);
    LOG.info("Database {} is up to date ({} migrations applied now)", target, migrations);

    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);

    HazelcastClusterManager clusterManager = new HazelcastClusterManager(Cluster.hazelcastConfig(settings));
    vertx = await(Cluster.start(settings, registry, clusterManager), "join the cluster");
    CheckinBatchCodec.register(vertx.eventBus());
    pool = PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(settings.integer("db.pool_size")))
        .connectingTo(target.connectOptions())
        .using(vertx)
        .build();

    int shardCount = settings.integer("shards.count");
    LiveGrid grid = new LiveGrid(shardCount);
    GridRepository gridRepository = new GridRepository(pool, shardCount);
    DirectoryRepository directory = new DirectoryRepository(pool);
    DeviceDirectory devices = new DeviceDirectory();
    CheckinMetrics metrics = new CheckinMetrics(registry);
    PositionWriter writer = new PositionWriter(pool, clock, settings.integer("checkin.commit_max_rows"),
        settings.integer("checkin.commits_in_flight"), settings.integer("checkin.commit_parallel_min_rows"), metrics);
    outbox = new EventOutbox(vertx, settings.integer("checkin.event_flush_ms"));
    CheckinService checkins = new CheckinService(outbox, clock, new FixFilter(filterSettings()), grid,
        devices, writer, metrics);
    PositionQueries positions = new PositionQueries(pool);
    HolidayCalendars calendars = loadCalendars(registry);
    UserRepository users = new UserRepository(pool);
    Staff staff = new Staff(users);
    await(staff.reload(), "load the accounts");
    NodeServices.Cases cases = casesParts(dataDir, calendars, staff);
    String adminToken = adminToken(dataDir);
    NodeServices.People people = new NodeServices.People(users, new Access(users, devices, adminToken, clock),
        new Passwords(settings.integer("auth.bcrypt_cost")));
    services = new NodeServices(nodeName(), settings, clock, ZoneId.of(settings.string("city.time_zone")), dataDir, pool,
        registry, checkins, grid, gridRepository, directory, new PlanRepository(pool), new AlertRepository(pool), positions, calendars, adminToken,
        new NodeServices.ClusterHealth() {
          @Override
          public boolean connected() {
            return clusterManager.getHazelcastInstance().getLifecycleService().isRunning();
          }

          @Override
          public int members() {
            return clusterManager.getNodes().size();
          }
        }, cases, people);

    PartitionMaintenance maintenance = new PartitionMaintenance(pool, clock,
        (int) Math.ceil(settings.integer("checkin.filters.max_age_hours") / 24.0),
        settings.integer("positions.retention_days"));
    await(maintenance.run(), "prepare position partitions");
    vertx.setPeriodic(MAINTENANCE_PERIOD_MS, id -> maintenance.run()
        .onSuccess(outcome -> LOG.info("Partition maintenance: {} created, {} dropped", outcome.created(), outcome.dropped()))
        .onFailure(failure -> LOG.error("Partition maintenance failed", failure)));

    vertx.eventBus().consumer(Addresses.USERS_CHANGED, message -> staff.reload()
        .onFailure(failure -> LOG.error("Reloading the accounts failed", failure)));
    if (settings.flag("demo.load")) {
      await(DemoCityLoader.loadIfEmpty(gridRepository, directory, dataDir,
          Path.of(settings.string("demo.city_file"))), "load the demo city");
    }
    await(reloadGrid(), "load the grid");
    await(reloadDevices(), "load the devices");
    if (settings.flag("demo.load")) {
      await(DemoPlans.loadIfNone(services, Path.of(settings.string("demo.plans_dir"))), "load the demo plans");
      await(DemoUsers.createIfNone(services, vertx), "make the demo accounts");
    }
    vertx.eventBus().<JsonArray>consumer(Addresses.SESSIONS_REVOKED,
        message -> people.access().forget(message.body().stream().map(String::valueOf).toList()));
    vertx.eventBus().consumer(Addresses.GRID_CHANGED, message -> reloadGrid()
        .onFailure(failure -> LOG.error("Reloading the grid failed", failure)));
    vertx.eventBus().consumer(Addresses.DEVICES_CHANGED, message -> reloadDevices()
        .onFailure(failure -> LOG.error("Reloading the devices failed", failure)));

    HazelcastShardOwnership ownership = new HazelcastShardOwnership(clusterManager.getHazelcastInstance(), shardCount);
    int instances = settings.integer("http.instances") > 0 ? settings.integer("http.instances")
        : VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE / 2;
    await(vertx.deployVerticle(() -> new ShardStateVerticle(nodeName(), ownership, positions, clock,
        Duration.ofDays(settings.integer("checkin.last_visit_days"))), new DeploymentOptions()),
        "start the shard state verticle");
    HolidayCalendar cityCalendar = calendars.forRegion(settings.string("calendar.region")).orElseThrow();
    await(vertx.deployVerticle(() -> new OverdueVerticle(ownership, new StoredPlans(services), positions,
        services.alerts(), id -> services.grid().byId(id).map(IndexedCell::code).orElse(null), cityCalendar,
        clock, Duration.ofMinutes(settings.integer("checkin.visit_gap_minutes")),
        Duration.ofHours(settings.integer("overdue.catch_up_hours")),
        Duration.ofMinutes(settings.integer("checkin.silent_after_minutes")), registry), new DeploymentOptions()),
        "start the overdue detector");
    await(vertx.deployVerticle(() -> new EscalationVerticle(cases.service(), new EscalationRepository(pool),
        cases.notifications(), webhooks(), clock, Duration.ofMillis(settings.integer("cases.tick_ms")),
        new EscalationVerticle.WebhookRetry(settings.integer("cases.webhook_attempts"),
            Duration.ofSeconds(settings.integer("cases.webhook_first_retry_seconds")),
            Duration.ofSeconds(settings.integer("cases.webhook_longest_retry_seconds")),
            Duration.ofSeconds(settings.integer("cases.webhook_timeout_seconds"))), registry),
        new DeploymentOptions()), "start the escalation");
    await(vertx.deployVerticle(() -> new OsmAndVerticle(checkins, clock, settings.string("osmand.host"),
        settings.integer("osmand.port")), new DeploymentOptions().setInstances(instances)), "start the OsmAnd intake");
    await(vertx.deployVerticle(() -> new ApiVerticle(services), new DeploymentOptions().setInstances(instances)),
        "start the HTTP API");
    LOG.info("Node {} serving: API on {}:{}, OsmAnd on {}:{}, {} cells, {} devices", nodeName(),
        settings.string("http.host"), settings.integer("http.port"), settings.string("osmand.host"),
        settings.integer("osmand.port"), grid.size(), devices.size());
    return this;
  }

  /**
   * The cases configuration (from the database, seeded from cases.config_file), the working time of the
   * city's calendar, and what acts on cases.
   */
  private NodeServices.Cases casesParts(Path dataDir, HolidayCalendars calendars, Staff staff) {
    CaseRepository caseRepository = new CaseRepository(pool);
    List<String> alertCategories = List.of(settings.string("cases.patrol_overdue_category"),
        settings.string("cases.officer_silent_category"));
    CasesConfigStore config = new CasesConfigStore(new CaseConfigRepository(pool), clock, alertCategories);
    await(config.start(vertx, Path.of(settings.string("cases.config_file"))), "load the cases configuration");
    WorkingTime workingTime = new WorkingTime(calendars.forRegion(settings.string("calendar.region")).orElseThrow(),
        WorkingHours.of(settings.list("cases.working_hours").toArray(new String[0])),
        ZoneId.of(settings.string("city.time_zone")));
    CaseService service = new CaseService(caseRepository, config::config, workingTime, clock,
        webhooks().stream().map(Webhook::name).toList(), settings.string("cases.patrol_overdue_category"),
        settings.string("cases.officer_silent_category"), staff::directory);
    Path photoDir = dataDir.resolve(settings.string("cases.photo_dir"));
    return new NodeServices.Cases(config, service, caseRepository,
        new PhotoStore(vertx, caseRepository, photoDir, settings.integer("cases.photo_max_bytes")),
        new NotificationRepository(pool));
  }

  /** The webhooks of cases.webhooks_file (a YAML list of name, url, secret); none if the setting is empty. */
  @SuppressWarnings("unchecked")
  private List<Webhook> webhooks() {
    String file = settings.string("cases.webhooks_file");
    if (file.isBlank()) {
      return List.of();
    }
    try {
      List<Map<String, Object>> entries = new ObjectMapper(new YAMLFactory()).readValue(Path.of(file).toFile(), List.class);
      return entries.stream().map(entry -> new Webhook(String.valueOf(entry.get("name")),
          URI.create(String.valueOf(entry.get("url"))), String.valueOf(entry.get("secret")))).toList();
    } catch (IOException | IllegalArgumentException | ClassCastException e) {
      throw new IllegalStateException("cases.webhooks_file " + file + " must be a YAML list of {name, url, secret}: "
          + e.getMessage(), e);
    }
  }

  /**
   * Loads every region's holiday files, warns early about the city's region lacking this or next year, and
   * keeps a gauge of how many days ahead the city's calendar has data for (an alert rule's input).
   */
  private HolidayCalendars loadCalendars(MeterRegistry registry) {
    HolidayCalendars calendars = HolidayFiles.load(Path.of(settings.string("calendar.dir")));
    String region = settings.string("calendar.region");
    HolidayCalendar city = calendars.forRegion(region).orElseThrow(() -> new IllegalStateException(
        "No holiday calendar for calendar.region " + region + " in " + settings.string("calendar.dir")));
    ZoneId zone = ZoneId.of(settings.string("city.time_zone"));
    int thisYear = LocalDate.now(clock.withZone(zone)).getYear();
    LOG.info("Holiday calendar {} covers {}", region, city.coveredYears());
    for (int year = thisYear; year <= thisYear + 1; year++) {
      if (!city.covers(year)) {
        LOG.warn("The {} holiday calendar has no data for {}: until {}/{}/{}.yaml is added, case time limits "
            + "reaching into {} are counted by ordinary weeks (the case says deadlineProvisional) and plan "
            + "windows chosen by holidays or day types are not scheduled there", region, year,
            settings.string("calendar.dir"), region, year, year);
      }
    }
    Gauge.builder("gridpatrol.calendar.covered.days.ahead", city, calendar -> {
      LocalDate today = LocalDate.now(clock.withZone(zone));
      int year = today.getYear();
      while (calendar.covers(year)) {
        year++;
      }
      return Math.max(0, ChronoUnit.DAYS.between(today, LocalDate.of(year, 1, 1)));
    }).description("Days from today to the first day the city's holiday calendar has no data for").register(registry);
    return calendars;
  }

  private DatabaseTarget database(Path dataDir) {
    String url = settings.string("db.url");
    if (!url.isBlank()) {
      return DatabaseTarget.fromUri(url);
    }
    embedded = EmbeddedDatabase.start(dataDir.resolve("postgres"), settings.integer("db.embedded_port"));
    return embedded.target();
  }

  private FilterSettings filterSettings() {
    return new FilterSettings(
        settings.flag("checkin.filters.invalid"),
        settings.flag("checkin.filters.zero"),
        positiveOrOff(Duration.ofSeconds(settings.integer("checkin.filters.max_future_seconds"))),
        positiveOrOff(Duration.ofHours(settings.integer("checkin.filters.max_age_hours"))),
        positiveOrOff(settings.number("checkin.filters.max_accuracy_metres")),
        positiveOrOff(settings.number("checkin.filters.max_speed_mps")),
        settings.flag("checkin.filters.duplicate"));
  }

  private static Duration positiveOrOff(Duration duration) {
    return duration.isZero() ? null : duration;
  }

  private static Double positiveOrOff(double value) {
    return value <= 0 ? null : value;
  }

  private Future<Void> reloadGrid() {
    return services.gridRepository().allCells().map(cells -> {
      services.grid().replace(cells);
      LOG.info("Cell index holds {} cells", cells.size());
      return null;
    });
  }

  private Future<Void> reloadDevices() {
    return services.directory().activeDevices().map(list -> {
      services.checkins().devices().replaceAll(list);
      LOG.info("Device directory holds {} devices", list.size());
      return null;
    });
  }

  /** The configured admin token, or the one kept in the data directory (made on first start). */
  private String adminToken(Path dataDir) {
    String configured = settings.string("admin.token");
    if (!configured.isBlank()) {
      return configured;
    }
    Path file = dataDir.resolve("admin-token");
    try {
      if (Files.exists(file)) {
        return Files.readString(file).trim();
      }
      byte[] bytes = new byte[24];
      new SecureRandom().nextBytes(bytes);
      String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      Files.createDirectories(dataDir);
      Files.writeString(file, token + "\n");
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      return token;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create " + file, e);
    }
  }

  public String nodeName() {
    String name = settings.string("node.name");
    return name.isBlank() ? settings.string("cluster.host") + ":" + settings.integer("http.port") : name;
  }

  /** The database as a postgresql:// URI without password, e.g. for other nodes sharing an embedded one. */
  public String databaseUri() {
    return databaseTarget.toString();
  }

  public Vertx vertx() {
    return vertx;
  }

  public Path dataDir() {
    return services.dataDir();
  }

  public void stop() {
    if (outbox != null) {
      outbox.close();
      outbox = null;
    }
    if (vertx != null) {
      await(vertx.close(), "leave the cluster");
      vertx = null;
    }
    if (embedded != null) {
      embedded.close();
      embedded = null;
    }
  }

  private static <T> T await(Future<T> future, String what) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IllegalStateException("Could not " + what + ": " + cause.getMessage(), cause);
    }
  }
}
