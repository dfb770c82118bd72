package org.gridpatrol.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import org.gridpatrol.domain.access.Operation;
import org.gridpatrol.domain.calendar.DayType;
import org.gridpatrol.domain.calendar.HolidayCalendar;
import org.gridpatrol.domain.calendar.HolidayCalendars;
import org.gridpatrol.domain.calendar.HolidayPeriod;
import org.gridpatrol.web.CityClock;
import org.gridpatrol.web.Guard;
import org.gridpatrol.web.Replies;
import org.gridpatrol.web.RequestException;
import org.gridpatrol.web.Routes;

/** {@code GET /api/v1/calendar?year=&region=}: what the system believes about every day of a year. */
public final class CalendarRoutes implements Routes {
  private final Guard guard;
  private final HolidayCalendars calendars;
  private final String defaultRegion;
  private final CityClock time;

  /** @param defaultRegion the city's region, shown when the request names none */
  public CalendarRoutes(Guard guard, HolidayCalendars calendars, String defaultRegion, CityClock time) {
    this.guard = guard;
    this.calendars = calendars;
    this.defaultRegion = defaultRegion;
    this.time = time;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/v1/calendar").handler(guard.require(Operation.VIEW)).handler(this::year);
  }

  private void year(RoutingContext ctx) {
    String region = Optional.ofNullable(ctx.queryParams().get("region")).orElse(defaultRegion);
    String yearText = ctx.queryParams().get("year");
    int year;
    try {
      year = yearText == null ? time.today().getYear()
          : Integer.parseInt(yearText.trim());
    } catch (NumberFormatException e) {
      ctx.fail(new RequestException(400, "year", "number", "year must be a year such as 2026"));
      return;
    }
    Optional<HolidayCalendar> found = calendars.forRegion(region);
    if (found.isEmpty()) {
      ctx.fail(RequestException.notFound("region", "no holiday calendar for region " + region));
      return;
    }
    HolidayCalendar calendar = found.get();
    if (!calendar.covers(year)) {
      ctx.fail(new RequestException(404, "year", "year_not_covered", "the " + region + " holiday calendar has no data for "
          + year + "; it covers " + calendar.coveredYears() + ". Add config/holidays/" + region + "/" + year
          + ".yaml and restart the node."));
      return;
    }
    JsonArray periods = new JsonArray();
    for (HolidayPeriod period : calendar.periods(year)) {
      JsonArray makeup = new JsonArray();
      period.makeupWorkingDays().forEach(day -> makeup.add(day.toString()));
      periods.add(new JsonObject()
          .put("key", period.key())
          .put("nameZh", period.nameZh())
          .put("nameEn", period.nameEn())
          .put("first", period.first().toString())
          .put("last", period.last().toString())
          .put("makeupWorkingDays", makeup));
    }
    JsonArray days = new JsonArray();
    for (LocalDate day = LocalDate.of(year, 1, 1); day.getYear() == year; day = day.plusDays(1)) {
      DayType type = calendar.dayType(day);
      JsonObject entry = new JsonObject()
          .put("date", day.toString())
          .put("type", type.name().toLowerCase(Locale.ROOT))
          .put("typeZh", type.nameZh())
          .put("typeEn", type.nameEn())
          .put("working", type.isWorking());
      calendar.periodOf(day).ifPresent(p -> entry.put("period", p.key()));
      days.add(entry);
    }
    Replies.json(ctx, 200, new JsonObject()
        .put("region", region)
        .put("year", year)
        .put("coveredYears", new JsonArray(calendar.coveredYears().stream().map(Object.class::cast).toList()))
        .put("periods", periods)
        .put("days", days));
  }
}
