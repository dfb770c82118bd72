package org.gridpatrol.cases;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.gridpatrol.domain.access.Operation;
import org.gridpatrol.store.CaseRepository;
import org.gridpatrol.web.Caller;
import org.gridpatrol.web.CityClock;
import org.gridpatrol.web.Guard;
import org.gridpatrol.web.Input;
import org.gridpatrol.web.InputException;
import org.gridpatrol.web.Replies;
import org.gridpatrol.web.RequestException;
import org.gridpatrol.web.Routes;

/** A case's photos: {@code POST /api/v1/cases/{id}/photos} (the image as the body) and fetching one back. */
public final class CasePhotoRoutes implements Routes {
  private final Guard guard;
  private final CaseRepository repository;
  private final VisibleCases visible;
  private final PhotoStore photos;
  private final CityClock time;

  public CasePhotoRoutes(Guard guard, CaseRepository repository, PhotoStore photos, CityClock time) {
    this.guard = guard;
    this.repository = repository;
    this.visible = new VisibleCases(repository);
    this.photos = photos;
    this.time = time;
  }

  @Override
  public void mount(Router router) {
    router.post("/api/v1/cases/:id/photos").handler(guard.require(Operation.COMMENT_CASES));
    router.post("/api/v1/cases/:id/photos").handler(BodyHandler.create(false).setBodyLimit(photos.maxBytes()))
        .handler(this::add);
    router.get("/api/v1/cases/:id/photos/:photo").handler(guard.require(Operation.VIEW)).handler(this::get);
  }

  private void add(RoutingContext ctx) {
    long id = Input.number(ctx, "id");
    Caller caller = Caller.of(ctx);
    String actor = caller.kind() == Caller.Kind.ADMIN_TOKEN ? ctx.queryParams().get("actor") : caller.name();
    if (actor == null) {
      throw new InputException("actor", "required", "with the admin token, name who uploads: ?actor=<name>");
    }
    Input.identifier("actor", actor);
    Buffer bytes = ctx.body().buffer();
    String type = PhotoStore.contentType(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE), bytes);
    visible.row(ctx, id)
        .compose(row -> photos.save(id, type, bytes, actor, time.now()))
        .onSuccess(photo -> Replies.json(ctx, 201, CaseView.photo(photo)))
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    long photoId = Input.number(ctx, "photo");
    long id = Input.number(ctx, "id");
    RequestException none = RequestException.notFound("photo", "case " + id + " has no photo " + photoId);
    repository.row(id)
        .compose(row -> row.filter(found -> VisibleCases.seen(ctx, found)).isEmpty()
            ? Future.<java.util.Optional<CaseRepository.Photo>>failedFuture(none) : repository.photo(id, photoId))
        .map(found -> found.orElseThrow(() -> none))
        .onSuccess(photo -> ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, photo.contentType())
            .putHeader("Cache-Control", "private, max-age=86400")
            .sendFile(photos.file(photo).toString()))
        .onFailure(ctx::fail);
  }
}
