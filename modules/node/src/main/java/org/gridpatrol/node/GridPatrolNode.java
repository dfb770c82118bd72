package org.gridpatrol.node;

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
import io.vertx.pgclient.PgBuilder;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.gridpatrol.access.Access;
import org.gridpatrol.access.LoginRoutes;
import org.gridpatrol.access.PasswordWork;
import org.gridpatrol.access.Staff;
import org.gridpatrol.access.UnknownNames;
import org.gridpatrol.access.UserRoutes;
import org.gridpatrol.cases.CasePhotoRoutes;
import org.gridpatrol.cases.CaseRoutes;
import org.gridpatrol.cases.CaseService;
import org.gridpatrol.cases.CaseView;
import org.gridpatrol.cases.CasesConfigRoutes;
import org.gridpatrol.cases.CasesConfigStore;
import org.gridpatrol.cases.EscalationVerticle;
import org.gridpatrol.cases.NotificationRoutes;
import org.gridpatrol.cases.PhotoStore;
import org.gridpatrol.cases.Webhook;
import org.gridpatrol.checkin.CheckinMetrics;
import org.gridpatrol.checkin.CheckinRoutes;
import org.gridpatrol.checkin.CheckinService;
import org.gridpatrol.checkin.DeviceDirectory;
import org.gridpatrol.checkin.DirectoryReloads;
import org.gridpatrol.checkin.EventOutbox;
import org.gridpatrol.checkin.GridImportRoutes;
import org.gridpatrol.checkin.LiveGrid;
import org.gridpatrol.checkin.OsmAndVerticle;
import org.gridpatrol.checkin.ShardStateVerticle;
import org.gridpatrol.console.CalendarRoutes;
import org.gridpatrol.console.LiveMap;
import org.gridpatrol.console.MapRoutes;
import org.gridpatrol.console.ReadRoutes;
import org.gridpatrol.console.ReportRoutes;
import org.gridpatrol.console.WebPages;
import org.gridpatrol.directory.DeviceRoutes;
import org.gridpatrol.directory.OfficerRoutes;
import org.gridpatrol.directory.RosterRoutes;
import org.gridpatrol.directory.TeamRoutes;
import org.gridpatrol.domain.access.LoginThrottle;
import org.gridpatrol.domain.access.Passwords;
import org.gridpatrol.domain.calendar.HolidayCalendar;
import org.gridpatrol.domain.calendar.HolidayCalendars;
import org.gridpatrol.domain.calendar.WorkingTime;
import org.gridpatrol.domain.checkin.FixFilter;
import org.gridpatrol.domain.grid.CellIndex.IndexedCell;
import org.gridpatrol.events.CheckinBatchCodec;
import org.gridpatrol.patrol.AlertRoutes;
import org.gridpatrol.patrol.CoverageRoutes;
import org.gridpatrol.patrol.OverdueVerticle;
import org.gridpatrol.patrol.PlanRoutes;
import org.gridpatrol.patrol.PlanService;
import org.gridpatrol.patrol.StoredPlans;
import org.gridpatrol.store.AlertRepository;
import org.gridpatrol.store.CaseConfigRepository;
import org.gridpatrol.store.CaseRepository;
import org.gridpatrol.store.DatabaseTarget;
import org.gridpatrol.store.DeviceRepository;
import org.gridpatrol.store.DurabilitySettings;
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
import org.gridpatrol.store.ReportRepository;
import org.gridpatrol.store.UserRepository;
import org.gridpatrol.web.CityClock;
import org.gridpatrol.web.Routes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One GridPatrol node: database (embedded or external), schema, clustered Vert.x, and the verticles, wired here
 * and nowhere else: every part is made once, with exactly what it uses. Start it with {@link #start};
 * {@link #stop} leaves the cluster and shuts everything down.
 */
public final class GridPatrolNode {
  private static final Logger LOG = LoggerFactory.getLogger(GridPatrolNode.class);

  private final Settings settings;
  private final NodeConfig config;
  private final Clock clock;
  private EmbeddedDatabase embedded;
  private DatabaseTarget databaseTarget;
  private Vertx vertx;
  private EventOutbox outbox;
  private Optional<String> firstAdministratorPassword = Optional.empty();

  /** @throws IllegalStateException naming a configuration key whose value cannot be used */
  public GridPatrolNode(Settings settings, Clock clock) {
    this(settings, NodeConfig.read(settings), clock);
  }

  /** @param config what {@code settings} say, read by {@link NodeConfig#read} */
  public GridPatrolNode(Settings settings, NodeConfig config, Clock clock) {
    this.settings = settings;
    this.config = config;
    this.clock = clock;
  }

  /** Starts the node; blocks until it serves or fails. */
  public GridPatrolNode start() {
    settings.unknownOverrides().forEach(name -> LOG.warn("Environment variable {} matches no setting; ignored", name));
    Path dataDir = config.process().dataDir();
    databaseTarget = database(dataDir);
    int migrations = Migrations.migrate(databaseTarget);
    LOG.info("Database {} is up to date ({} migrations applied now)", databaseTarget, migrations);

    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);

    HazelcastClusterManager clusterManager = new HazelcastClusterManager(Cluster.hazelcastConfig(config.cluster()));
    vertx = await(Cluster.start(config.cluster(), registry, clusterManager), "join the cluster");
    CheckinBatchCodec.register(vertx.eventBus());
    Pool pool = PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(config.db().poolSize()))
        .connectingTo(databaseTarget.connectOptions())
        .using(vertx)
        .build();
    CityClock time = new CityClock(clock, config.city().zone());
    Map<String, String> notDurable = await(DurabilitySettings.notDurable(pool), "read PostgreSQL's durability settings");
    if (!notDurable.isEmpty()) {
      LOG.warn("PostgreSQL at {} is not durable ({}): a check-in, case or alert the node acknowledged may be lost "
          + "if the database's machine crashes; turn them on", databaseTarget, notDurable);
    }

    // Check-ins: the grid and devices in memory, the group-commit writer, the pipeline.
    NodeConfig.Checkin checkin = config.checkin();
    int shardCount = config.cluster().shardCount();
    LiveGrid grid = new LiveGrid(shardCount);
    GridRepository cells = new GridRepository(pool, shardCount);
    DirectoryRepository directory = new DirectoryRepository(pool);
    DeviceRepository deviceStore = new DeviceRepository(pool);
    DeviceDirectory devices = new DeviceDirectory();
    CheckinMetrics metrics = new CheckinMetrics(registry);
    PositionWriter writer = new PositionWriter(pool, clock, checkin.commitMaxRows(), checkin.commitsInFlight(),
        checkin.commitParallelMinRows(), checkin.maxQueuedRows(), checkin.commitTimeout(), metrics);
    // A quarter of the deadline apart: a hung commit's callers are answered at most a quarter late.
    vertx.setPeriodic(Math.max(10, checkin.commitTimeout().toMillis() / 4), id -> writer.failOverdue());
    outbox = new EventOutbox(vertx, checkin.eventFlushMillis());
    CheckinService checkins = new CheckinService(outbox, clock, new FixFilter(checkin.filters()), checkin.claims(), grid,
        devices,
        writer, metrics);
    PositionQueries positions = new PositionQueries(pool);
    HolidayCalendars calendars = HolidayFiles.loadForCity(config.city(), clock, registry);
    HolidayCalendar cityCalendar = calendars.forRegion(config.city().calendarRegion()).orElseThrow();

    // Access: accounts, who is calling.
    UserRepository users = new UserRepository(pool);
    Staff staff = new Staff(users);
    await(staff.start(vertx.eventBus()), "load the accounts");
    Access access = new Access(users, devices, KeptTokens.resolve(config.process().adminToken(), dataDir, KeptTokens.ADMIN_FILE), clock)
        .listen(vertx.eventBus());
    Passwords passwords = new Passwords(config.auth().bcryptCost());

    // Cases: their configuration, working time, what acts on them.
    NodeConfig.Cases casesConfig = config.cases();
    CaseRepository caseRepository = new CaseRepository(pool);
    CasesConfigStore casesConfigStore = new CasesConfigStore(new CaseConfigRepository(pool), clock,
        List.of(casesConfig.patrolOverdueCategory(), casesConfig.officerSilentCategory()));
    await(casesConfigStore.start(vertx, casesConfig.configFile()), "load the cases configuration");
    List<Webhook> webhooks = Webhook.load(casesConfig.webhooksFile());
    CaseService caseService = new CaseService(caseRepository, casesConfigStore::config,
        new WorkingTime(cityCalendar, casesConfig.workingHours(), config.city().zone()), clock,
        webhooks.stream().map(Webhook::name).toList(), casesConfig.patrolOverdueCategory(),
        casesConfig.officerSilentCategory(), staff::directory);
    CaseView caseView = new CaseView(caseService, time);
    PhotoStore photos = new PhotoStore(vertx, caseRepository, casesConfig.photoDir(), casesConfig.photoMaxBytes());
    NotificationRepository notifications = new NotificationRepository(pool);

    // Patrol plans and their alerts.
    PlanRepository plans = new PlanRepository(pool);
    PlanService planService = new PlanService(plans, cells, grid, cityCalendar, config.city().zone());
    AlertRepository alerts = new AlertRepository(pool);

    await(new PartitionMaintenance(pool, clock, (int) Math.ceil(checkin.maxAge().toHours() / 24.0),
        config.process().retentionDays()).start(vertx), "prepare position partitions");
    if (config.demo().load()) {
      await(DemoCityLoader.loadIfEmpty(cells, directory, dataDir, config.demo().cityFile(), clock.instant()),
          "load the demo city");
    }
    DirectoryReloads reloads = new DirectoryReloads(cells, deviceStore, grid, devices, config.osmand().recheck());
    await(reloads.start(vertx), "load the grid and devices");
    if (config.demo().load()) {
      await(DemoPlans.loadIfNone(plans, planService, clock, config.demo().plansDir()), "load the demo plans");
      await(DemoUsers.createIfNone(users, passwords, clock, dataDir, vertx), "make the demo accounts");
    } else {
      firstAdministratorPassword = await(FirstAdministrator.createIfNoAccounts(users, passwords, clock, vertx),
          "make the first administrator");
    }

    HazelcastShardOwnership ownership = new HazelcastShardOwnership(clusterManager.getHazelcastInstance(), shardCount);
    int instances = config.http().instances() > 0 ? config.http().instances()
        : VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE / 2;
    await(vertx.deployVerticle(() -> new ShardStateVerticle(nodeName(), ownership, positions, clock,
        checkin.lastVisitLookback()), new DeploymentOptions()), "start the shard state verticle");
    await(vertx.deployVerticle(() -> new OverdueVerticle(ownership, new StoredPlans(plans, planService), positions,
        alerts, id -> grid.byId(id).map(IndexedCell::code).orElse(null), cityCalendar, clock, checkin.visitGap(),
        config.overdue().catchUp(), checkin.silentAfter(), registry), new DeploymentOptions()),
        "start the overdue detector");
    await(vertx.deployVerticle(() -> new EscalationVerticle(caseService, new EscalationRepository(pool), notifications,
        webhooks, clock, casesConfig.tick(), new EscalationVerticle.WebhookRetry(casesConfig.webhookAttempts(),
            casesConfig.webhookFirstRetry(), casesConfig.webhookLongestRetry(), casesConfig.webhookTimeout()),
        registry), new DeploymentOptions()), "start the escalation");
    NodeConfig.OsmAnd osmand = config.osmand();
    if (!osmand.requireKey()) {
      LOG.warn("osmand.require_key is false: the OsmAnd port takes a fix from anyone who knows a device's id. "
          + "Give the devices their keys (server URL http://host:{}/k/<key>) and turn it back on.", osmand.port());
    }
    await(vertx.deployVerticle(() -> new OsmAndVerticle(checkins, clock, osmand.host(), osmand.port(),
        osmand.requireKey()), new DeploymentOptions().setInstances(instances)), "start the OsmAnd intake");

    NodeConfig.MapView map = config.map();
    NodeConfig.Auth auth = config.auth();
    LoginThrottle throttle = new LoginThrottle(auth.maxFailures(), auth.firstLock(), auth.longestLock());
    UnknownNames unknownNames = new UnknownNames(throttle);
    PasswordWork passwordWork = new PasswordWork(vertx, auth.bcryptThreads(), auth.bcryptQueue(),
        auth.loginsPerClientPerMinute(), clock);
    ReportRepository reports = new ReportRepository(pool);
    OperationsRoutes.ClusterHealth clusterHealth = new OperationsRoutes.ClusterHealth() {
      @Override
      public boolean connected() {
        return clusterManager.getHazelcastInstance().getLifecycleService().isRunning();
      }

      @Override
      public int members() {
        return clusterManager.getNodes().size();
      }
    };
    // Each HTTP verticle gets routes of its own: some keep state of their event loop (sockets, caches).
    Function<Vertx, List<Routes>> routes = verticle -> List.<Routes>of(
        new CheckinRoutes(checkins, access::handheld, checkin.maxBatchItems(), checkin.maxBodyBytes()),
        new GridImportRoutes(access, cells, verticle),
        new TeamRoutes(access, directory, time),
        new OfficerRoutes(access, directory, positions, verticle.eventBus(), reloads::reloadDevices, time,
            checkin.silentAfter()),
        new DeviceRoutes(access, deviceStore, verticle.eventBus(), time, reloads::reloadDevices, osmand.publicUrl(),
            osmand.port()),
        new RosterRoutes(access, directory, verticle, reloads::reloadDevices, time),
        new ReadRoutes(access, cells, positions, verticle.eventBus(), time, checkin.visitGap(),
            checkin.lastVisitLookback()),
        new LoginRoutes(access, users, deviceStore, passwords, throttle, unknownNames, auth.sessionLength(),
            auth.secureCookie(), passwordWork, verticle, time),
        new UserRoutes(access, users, passwords,
            department -> casesConfigStore.config().categories().isActiveDepartment(department), verticle, time),
        new PlanRoutes(access, plans, planService, verticle.eventBus(), time),
        new CoverageRoutes(access, plans, planService, positions, cells, grid, checkin.visitGap(), time),
        new AlertRoutes(access, alerts, time),
        new CaseRoutes(access, caseService, caseRepository, caseView, grid, time),
        new CasePhotoRoutes(access, caseRepository, photos, time),
        new CasesConfigRoutes(access, casesConfigStore, verticle),
        new NotificationRoutes(access, notifications, time),
        new MapRoutes(access, cells, positions, alerts, plans, planService, caseRepository, caseView, map.tileUrl(),
            map.tileAttribution(), map.recent(), checkin.silentAfter(), checkin.claims(), time),
        new LiveMap(access, verticle, positions, registry, map.frameMillis(), checkin.silentAfter(), time),
        new ReportRoutes(access, reports, plans, planService, time),
        new CalendarRoutes(access, calendars, config.city().calendarRegion(), time),
        new OperationsRoutes(access, KeptTokens.resolve(config.process().metricsToken(), dataDir,
            KeptTokens.METRICS_FILE), nodeName(), pool, clusterHealth, registry, grid::size, devices::size),
        new WebPages());
    await(vertx.deployVerticle(() -> new ApiVerticle(config.http(), map.tileUrl(), routes),
        new DeploymentOptions().setInstances(instances)), "start the HTTP API");
    LOG.info("Node {} serving: API on {}:{}, OsmAnd on {}:{}, {} cells, {} devices", nodeName(),
        config.http().host(), config.http().port(), config.osmand().host(), config.osmand().port(), grid.size(),
        devices.size());
    return this;
  }

  private DatabaseTarget database(Path dataDir) {
    if (!config.db().url().isBlank()) {
      return DatabaseTarget.fromUri(config.db().url());
    }
    embedded = EmbeddedDatabase.start(dataDir.resolve("postgres"), config.db().embeddedPort());
    return embedded.target();
  }

  public NodeConfig config() {
    return config;
  }

  public String nodeName() {
    return config.nodeName();
  }

  /** The database as a postgresql:// URI without password, e.g. for other nodes sharing an embedded one. */
  public String databaseUri() {
    return databaseTarget.toString();
  }

  /** The password of the administrator account this start made for a city without accounts, if it made one. */
  public Optional<String> firstAdministratorPassword() {
    return firstAdministratorPassword;
  }

  public Vertx vertx() {
    return vertx;
  }

  public Path dataDir() {
    return config.process().dataDir();
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
