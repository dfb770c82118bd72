package org.gridpatrol.directory;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.gridpatrol.directory.RosterCsv.Column;
import org.gridpatrol.directory.RosterCsv.Problem;
import org.gridpatrol.directory.RosterCsv.Roster;
import org.gridpatrol.domain.access.Operation;
import org.gridpatrol.domain.directory.Officer;
import org.gridpatrol.domain.directory.Team;
import org.gridpatrol.events.Addresses;
import org.gridpatrol.store.DirectoryRepository;
import org.gridpatrol.store.DirectoryRepository.Known;
import org.gridpatrol.web.Caller;
import org.gridpatrol.web.CityClock;
import org.gridpatrol.web.Csv;
import org.gridpatrol.web.Guard;
import org.gridpatrol.web.InputException;
import org.gridpatrol.web.Replies;
import org.gridpatrol.web.Routes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The roster as a spreadsheet, for administrators: {@code POST /api/v1/roster?dryRun=true} reports every row's
 * problems by line and column without writing anything; without dryRun a file with no problems is imported in
 * one transaction (teams and officers created or changed by code; those the file does not name stay as they
 * are), a file with any problem is refused whole. {@code GET /api/v1/roster.csv} gives the same columns back.
 */
public final class RosterRoutes implements Routes {
  private static final Logger LOG = LoggerFactory.getLogger(RosterRoutes.class);
  /** 50,000 officers of a big city are some 5 MB. */
  static final int MAX_BYTES = 16 * 1024 * 1024;

  private final Guard guard;
  private final DirectoryRepository directory;
  private final Vertx vertx;
  private final Supplier<Future<Void>> reloadDevicesHere;
  private final CityClock time;

  /** @param reloadDevicesHere reloads this node's devices (officers who left lose theirs) before the answer */
  public RosterRoutes(Guard guard, DirectoryRepository directory, Vertx vertx, Supplier<Future<Void>> reloadDevicesHere,
                      CityClock time) {
    this.guard = guard;
    this.directory = directory;
    this.vertx = vertx;
    this.reloadDevicesHere = reloadDevicesHere;
    this.time = time;
  }

  @Override
  public void mount(Router router) {
    router.route("/api/v1/roster*").handler(guard.require(Operation.MANAGE_DIRECTORY));
    router.post("/api/v1/roster").handler(BodyHandler.create(false).setBodyLimit(MAX_BYTES)).handler(this::load);
    router.get("/api/v1/roster.csv").handler(this::export);
  }

  private void load(RoutingContext ctx) {
    String dryRunText = ctx.queryParams().get("dryRun");
    if (dryRunText != null && !dryRunText.equals("true") && !dryRunText.equals("false")) {
      throw new InputException("dryRun", "one_of", "dryRun must be true or false");
    }
    boolean dryRun = "true".equals(dryRunText);
    byte[] bytes = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    if (bytes.length == 0) {
      throw new InputException("body", "required", "the body must be the roster as a CSV file");
    }
    vertx.executeBlocking(() -> RosterCsv.parse(bytes), false)
        .compose(roster -> check(roster).compose(known -> {
          if (dryRun || !roster.problems().isEmpty()) {
            return Future.succeededFuture(answer(roster, known, dryRun));
          }
          return directory.saveRoster(roster.teams(), roster.officers(), time.now(), Caller.of(ctx).name())
              .compose(summary -> {
                LOG.info("Roster imported by {}: {} rows, teams {} new {} changed, officers {} new {} changed",
                    Caller.of(ctx).name(), roster.rows(), summary.teamsCreated(), summary.teamsChanged(),
                    summary.officersCreated(), summary.officersChanged());
                vertx.eventBus().publish(Addresses.DEVICES_CHANGED, new JsonObject().put("roster", roster.rows()));
                return reloadDevicesHere.get().map(v -> base(roster, false)
                    .put("teams", counts(summary.teamsCreated(), summary.teamsChanged()))
                    .put("officers", counts(summary.officersCreated(), summary.officersChanged())));
              });
        }))
        .onSuccess(body -> {
          boolean refused = !dryRun && !body.getJsonArray("problems").isEmpty();
          if (refused) {
            body.put("error", new JsonObject().put("field", "body").put("rule", "roster")
                .put("message", body.getJsonArray("problems").size() + " problems in the file; nothing was imported"));
          }
          Replies.json(ctx, refused ? 400 : 200, body);
        })
        .onFailure(ctx::fail);
  }

  /** The database's checks: teams named only by code, team leads and areas must exist. */
  private Future<Known> check(Roster roster) {
    List<String> areas = new ArrayList<>(roster.linesByTeamArea().keySet());
    areas.addAll(roster.linesByOfficerArea().keySet());
    return directory.known(List.copyOf(roster.linesByTeamReference().keySet()),
            List.copyOf(roster.linesByLead().keySet()), areas,
            roster.teams().stream().map(Team::code).toList(), roster.officers().stream().map(Officer::code).toList())
        .map(known -> {
          roster.problemsAt(roster.linesByTeamReference(), known.unknownTeams(), Column.TEAM_CODE, "not_found",
              "no team %s: describe it in this file (team_name, team_area) or create it first");
          roster.problemsAt(roster.linesByLead(), known.unknownLeads(), Column.TEAM_LEAD, "not_found",
              "no active account %s");
          roster.problemsAt(roster.linesByTeamArea(), known.unknownAreas(), Column.TEAM_AREA, "not_found",
              "no cell of the grid lies in %s (import the grid first?)");
          roster.problemsAt(roster.linesByOfficerArea(), known.unknownAreas(), Column.AREAS, "not_found",
              "no cell of the grid lies in %s (import the grid first?)");
          return known;
        });
  }

  private static JsonObject answer(Roster roster, Known known, boolean dryRun) {
    JsonObject body = base(roster, dryRun);
    if (roster.problems().isEmpty()) {
      body.put("teams", counts(roster.teams().size() - known.existingTeams(), known.existingTeams()))
          .put("officers", counts(roster.officers().size() - known.existingOfficers(), known.existingOfficers()));
    }
    return body;
  }

  private static JsonObject base(Roster roster, boolean dryRun) {
    JsonArray problems = new JsonArray();
    for (Problem p : roster.problems()) {
      problems.add(new JsonObject().put("line", p.line()).put("column", p.column()).put("header", p.header())
          .put("field", p.field()).put("rule", p.rule()).put("message", p.message()));
    }
    return new JsonObject().put("dryRun", dryRun).put("encoding", roster.encoding()).put("rows", roster.rows())
        .put("ignoredColumns", new JsonArray(roster.ignoredColumns())).put("problems", problems);
  }

  private static JsonObject counts(long created, long changed) {
    return new JsonObject().put("created", created).put("changed", changed);
  }

  /** {@code GET /api/v1/roster.csv?lang=zh|en}: headers in the caller's language (the import reads both). */
  private void export(RoutingContext ctx) {
    String lang = ctx.queryParams().get("lang");
    if (lang != null && !lang.equals("zh") && !lang.equals("en")) {
      throw new InputException("lang", "one_of", "lang must be zh or en");
    }
    boolean chinese = lang == null
        ? String.valueOf(ctx.request().getHeader(HttpHeaders.ACCEPT_LANGUAGE)).toLowerCase(Locale.ROOT).startsWith("zh")
        : lang.equals("zh");
    directory.roster(Caller.of(ctx).areas()).onSuccess(lines -> {
      Csv csv = new Csv(Arrays.stream(Column.values()).map(c -> c.header(chinese)).toList());
      for (DirectoryRepository.RosterLine line : lines) {
        Officer o = line.officer();
        Team t = line.team();
        csv.text(o.code()).text(o.name()).text(o.phone()).text(o.teamCode())
            .text(t == null ? null : t.name()).text(t == null ? null : t.areaCode()).text(t == null ? null : t.lead())
            .text(String.join(" ", o.areas())).text(chinese ? o.status().chinese() : o.status().wireName()).row();
      }
      Replies.download(ctx, Csv.CONTENT_TYPE, "roster-" + time.today() + ".csv", csv.toString());
    }).onFailure(ctx::fail);
  }
}
