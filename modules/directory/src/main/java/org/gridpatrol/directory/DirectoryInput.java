package org.gridpatrol.directory;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import org.gridpatrol.domain.access.AreaScope;
import org.gridpatrol.domain.directory.Device;
import org.gridpatrol.domain.directory.DeviceKind;
import org.gridpatrol.domain.directory.FieldProblem;
import org.gridpatrol.domain.directory.Officer;
import org.gridpatrol.domain.directory.OfficerStatus;
import org.gridpatrol.domain.directory.Team;
import org.gridpatrol.store.DirectoryRepository;
import org.gridpatrol.store.DirectoryRepository.Query;
import org.gridpatrol.web.Caller;
import org.gridpatrol.web.Input;
import org.gridpatrol.web.InputException;
import org.gridpatrol.web.RequestException;

/** Teams, officers and devices read from JSON bodies and query strings, judged by the domain's rules. */
final class DirectoryInput {
  static final int DEFAULT_PAGE = 50;
  static final int MAX_PAGE = 500;

  private DirectoryInput() {
  }

  /** The list filters every directory list shares: area (within the caller's), text, offset and limit. */
  static Query query(RoutingContext ctx, String team, String status) {
    String area = ctx.queryParams().get("area");
    if (area != null && !AreaScope.isAreaCode(area)) {
      throw new InputException("area", "area_code", "area must be a district (6 digits), street (9) or community (12) code");
    }
    String text = ctx.queryParams().get("q");
    if (text != null && text.length() > 100) {
      throw new InputException("q", "length", "q must be at most 100 characters");
    }
    return new Query(team, status, text == null || text.isBlank() ? null : Input.storable("q", text.strip()),
        Caller.of(ctx).areasWithin(area), Input.offset(ctx.queryParams().get("offset")),
        Input.limit(ctx.queryParams().get("limit"), DEFAULT_PAGE, MAX_PAGE));
  }

  /** A code in the path, checked as codes are. */
  static String code(RoutingContext ctx, String param) {
    return Input.identifier(param, ctx.pathParam(param));
  }

  static Team team(JsonObject body, String code) {
    Team team = new Team(code, text(body, "name"), text(body, "area"), text(body, "lead"));
    refuse(team.problems());
    return team;
  }

  static Officer officer(JsonObject body, String code) {
    String status = text(body, "status");
    Officer officer = new Officer(code, text(body, "name"), text(body, "phone"), text(body, "team"),
        texts(body, "areas"), status == null ? OfficerStatus.ON_DUTY : OfficerStatus.parse(status).orElse(null));
    refuse(officer.problems());
    return officer;
  }

  static Device device(JsonObject body, String uniqueId) {
    String kind = text(body, "kind");
    Device device = new Device(uniqueId, kind == null ? DeviceKind.HANDHELD : DeviceKind.parse(kind).orElse(null),
        text(body, "officer"));
    refuse(device.problems());
    return device;
  }

  /** The code a new entry is created with: in the body for a POST. */
  static String newCode(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value instanceof Number number) {
      return number.toString();
    }
    String code = text(body, field);
    if (code == null) {
      throw new InputException(field, "required", field + " is required");
    }
    return code;
  }

  /** An optional text field; blank counts as absent. */
  private static String text(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text)) {
      throw new InputException(field, "type", field + " must be a text");
    }
    return text.isBlank() ? null : Input.storable(field, text.strip());
  }

  private static List<String> texts(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array)) {
      throw new InputException(field, "type", field + " must be a list of codes");
    }
    List<String> texts = new ArrayList<>();
    for (Object item : array) {
      if (!(item instanceof String text)) {
        throw new InputException(field, "type", field + " must be a list of codes");
      }
      texts.add(text.strip());
    }
    return texts;
  }

  private static void refuse(List<FieldProblem> problems) {
    if (!problems.isEmpty()) {
      FieldProblem first = problems.get(0);
      throw new InputException(first.field(), first.rule(), first.message());
    }
  }

  /** The answer for a change the store could not make; null when it was made. */
  static RuntimeException failure(DirectoryRepository.Outcome outcome, String what, String code) {
    return switch (outcome) {
      case DONE -> null;
      case EXISTS -> RequestException.conflict("code", "duplicate", what + " " + code + " already exists");
      case NOT_FOUND -> RequestException.notFound("code", "no " + what + " " + code);
      case UNKNOWN_TEAM -> new InputException("team", "not_found", "no such team");
      case UNKNOWN_LEAD -> new InputException("lead", "not_found", "lead must be the user name of an active account");
      case UNKNOWN_AREA -> new InputException(what.equals("team") ? "area" : "areas", "not_found",
          "no cell of the grid lies in that area (import the grid first?)");
    };
  }
}
