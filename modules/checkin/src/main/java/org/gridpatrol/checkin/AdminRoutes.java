package org.gridpatrol.checkin;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import org.gridpatrol.domain.access.Operation;
import org.gridpatrol.domain.access.Tokens;
import org.gridpatrol.domain.grid.GridGeoJson;
import org.gridpatrol.domain.grid.GridParseResult;
import org.gridpatrol.domain.grid.GridProblem;
import org.gridpatrol.events.Addresses;
import org.gridpatrol.store.DirectoryRepository;
import org.gridpatrol.store.GridRepository;
import org.gridpatrol.web.Guard;
import org.gridpatrol.web.Input;
import org.gridpatrol.web.InputException;
import org.gridpatrol.web.Replies;
import org.gridpatrol.web.RequestException;
import org.gridpatrol.web.Routes;

/** Administration of the grid and the handhelds: grid import, device registration and revocation. Administrators only. */
public final class AdminRoutes implements Routes {
  /** A city of 100,000 cells is some 40 MB of GeoJSON. */
  static final long MAX_GRID_BYTES = 256L * 1024 * 1024;

  private final Guard guard;
  private final GridRepository grid;
  private final DirectoryRepository directory;
  private final Vertx vertx;

  public AdminRoutes(Guard guard, GridRepository grid, DirectoryRepository directory, Vertx vertx) {
    this.guard = guard;
    this.grid = grid;
    this.directory = directory;
    this.vertx = vertx;
  }

  @Override
  public void mount(Router router) {
    router.route("/api/v1/admin/*").handler(guard.require(Operation.MANAGE_GRID_AND_DEVICES));
    router.post("/api/v1/admin/grid")
        .handler(BodyHandler.create(false).setBodyLimit(MAX_GRID_BYTES))
        .handler(this::importGrid);
    router.post("/api/v1/admin/devices")
        .handler(BodyHandler.create(false).setBodyLimit(16 * 1024))
        .handler(this::registerDevice);
    router.delete("/api/v1/admin/devices/:uniqueId").handler(this::disableDevice);
  }

  /**
   * {@code POST /api/v1/admin/grid?crs=EPSG:4547&source=name}: a GeoJSON FeatureCollection of cells. Valid
   * cells are imported (created or updated by code) and every invalid feature is reported by index, code,
   * field and rule. Every node reloads its cell index afterwards.
   */
  private void importGrid(RoutingContext ctx) {
    String crs = ctx.queryParams().get("crs");
    String source = ctx.queryParams().get("source") == null ? "api" : ctx.queryParams().get("source");
    String body = ctx.body().asString(StandardCharsets.UTF_8.name());
    if (body == null || body.isBlank()) {
      ctx.fail(new RequestException(400, "body", "required", "the body must be a GeoJSON FeatureCollection of cells"));
      return;
    }
    vertx.executeBlocking(() -> GridGeoJson.parse(body, crs), false)
        .compose(parsed -> {
          if (isUnreadable(parsed)) {
            Replies.json(ctx, 400, new JsonObject()
                .put("error", GridRepository.problemToJson(parsed.problems().get(0)).put("field", "body"))
                .put("problems", problems(parsed)));
            return Future.succeededFuture();
          }
          int features = parsed.cells().size() + (int) parsed.problems().stream()
              .mapToInt(GridProblem::featureIndex).filter(i -> i >= 0).distinct().count();
          return grid
              .importCells(source, crs == null ? "declared in file or EPSG:4326" : crs, features,
                  parsed.cells(), parsed.problems())
              .map(summary -> {
                vertx.eventBus().publish(Addresses.GRID_CHANGED, new JsonObject().put("importId", summary.importId()));
                Replies.json(ctx, 200, new JsonObject()
                    .put("importId", summary.importId())
                    .put("features", summary.features())
                    .put("created", summary.created())
                    .put("updated", summary.updated())
                    .put("rejected", summary.rejected())
                    .put("problems", problems(parsed)));
                return null;
              });
        })
        .onFailure(ctx::fail);
  }

  /** Problems about the file as a whole (not one feature) mean nothing could be read. */
  private static boolean isUnreadable(GridParseResult parsed) {
    return parsed.cells().isEmpty() && parsed.problems().stream().anyMatch(p -> p.featureIndex() < 0);
  }

  private static JsonArray problems(GridParseResult parsed) {
    JsonArray array = new JsonArray();
    parsed.problems().forEach(p -> array.add(GridRepository.problemToJson(p)));
    return array;
  }

  /** {@code POST /api/v1/admin/devices {"uniqueId": "100065", "officer": "P0001"}}: returns the device's token once. */
  private void registerDevice(RoutingContext ctx) {
    JsonObject body = Input.body(ctx);
    Object uniqueIdValue = body.getValue("uniqueId");
    Object officerValue = body.getValue("officer");
    if (!(uniqueIdValue instanceof String) && !(uniqueIdValue instanceof Number)) {
      throw new InputException("uniqueId", "required", "uniqueId (the id the handheld sends) is required");
    }
    if (officerValue != null && !(officerValue instanceof String)) {
      throw new InputException("officer", "type", "officer must be an officer code");
    }
    String uniqueId = Input.identifier("uniqueId", uniqueIdValue.toString().trim());
    String officer = officerValue == null ? null
        : Input.identifier("officer", (String) officerValue);
    String token = Tokens.random(24);
    directory.registerDevice(uniqueId, officer, DeviceDirectory.sha256(token)).onSuccess(outcome -> {
      switch (outcome) {
        case REGISTERED -> {
          vertx.eventBus().publish(Addresses.DEVICES_CHANGED, new JsonObject().put("uniqueId", uniqueId));
          Replies.json(ctx, 201, new JsonObject().put("uniqueId", uniqueId).put("officer", officer)
              .put("token", token));
        }
        case DUPLICATE_DEVICE -> ctx.fail(RequestException.conflict("uniqueId", "duplicate", "device " + uniqueId + " is already registered"));
        case UNKNOWN_OFFICER -> ctx.fail(new RequestException(400, "officer", "not_found", "no officer " + officer));
      }
    }).onFailure(ctx::fail);
  }

  private void disableDevice(RoutingContext ctx) {
    String uniqueId = Input.identifier("uniqueId", ctx.pathParam("uniqueId"));
    directory.disableDevice(uniqueId).onSuccess(disabled -> {
      if (!disabled) {
        ctx.fail(RequestException.notFound("uniqueId", "no active device " + uniqueId));
        return;
      }
      vertx.eventBus().publish(Addresses.DEVICES_CHANGED, new JsonObject().put("uniqueId", uniqueId));
      Replies.noContent(ctx);
    }).onFailure(ctx::fail);
  }
}
