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
import org.gridpatrol.domain.grid.GridGeoJson;
import org.gridpatrol.domain.grid.GridParseResult;
import org.gridpatrol.domain.grid.GridProblem;
import org.gridpatrol.events.Addresses;
import org.gridpatrol.store.GridRepository;
import org.gridpatrol.web.Guard;
import org.gridpatrol.web.Replies;
import org.gridpatrol.web.RequestException;
import org.gridpatrol.web.Routes;

/** Grid import: the city's cells from GeoJSON. Administrators only. */
public final class GridImportRoutes implements Routes {
  /** A city of 100,000 cells is some 40 MB of GeoJSON. */
  static final long MAX_GRID_BYTES = 256L * 1024 * 1024;

  private final Guard guard;
  private final GridRepository grid;
  private final Vertx vertx;

  public GridImportRoutes(Guard guard, GridRepository grid, Vertx vertx) {
    this.guard = guard;
    this.grid = grid;
    this.vertx = vertx;
  }

  @Override
  public void mount(Router router) {
    router.route("/api/v1/admin/*").handler(guard.require(Operation.MANAGE_GRID));
    router.post("/api/v1/admin/grid")
        .handler(BodyHandler.create(false).setBodyLimit(MAX_GRID_BYTES))
        .handler(this::importGrid);
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
}
