package org.gridpatrol.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The one field reader: what it takes, and errors that name the field and the rule. */
class InputTest {
  private static FieldError refused(Supplier<?> read) {
    return assertThrows(InputException.class, read::get).error();
  }

  @Test
  void timesAreIsoWithAnOffset() {
    assertEquals(Instant.parse("2026-10-01T14:00:00Z"), Input.instant("from", " 2026-10-01T22:00:00+08:00 "));
    Instant absent = Instant.EPOCH;
    assertEquals(absent, Input.instant("from", null, absent));
    assertEquals(absent, Input.instant("from", " ", absent));
    assertEquals(new FieldError("from", "time", "from must be ISO-8601 with offset, e.g. 2026-10-01T22:00:00+08:00"),
        refused(() -> Input.instant("from", "2026-10-01T22:00:00")));
  }

  @Test
  void aDateIsACalendarDay() {
    assertEquals(LocalDate.of(2026, 12, 4), Input.date("windowsOn", " 2026-12-04 "));
    assertEquals(new FieldError("windowsOn", "date", "windowsOn must be a date, e.g. 2026-12-04"),
        refused(() -> Input.date("windowsOn", "2026-02-30")));
    assertEquals("date", refused(() -> Input.date("windowsOn", "today")).rule());
  }

  @Test
  void aPageLimitIsWithinItsRange() {
    assertEquals(50, Input.limit(null, 50, 500));
    assertEquals(500, Input.limit("500", 50, 500));
    assertEquals("range", refused(() -> Input.limit("0", 50, 500)).rule());
    assertEquals("range", refused(() -> Input.limit("501", 50, 500)).rule());
    assertEquals("number", refused(() -> Input.limit("ten", 50, 500)).rule());
    assertEquals("limit", refused(() -> Input.limit("ten", 50, 500)).field());
  }

  @Test
  void textIsStrippedBoundedAndStorable() {
    JsonObject body = new JsonObject().put("name", "  东华门  ").put("blank", " ").put("nul", "a\u0000b")
        .put("number", 5);
    assertEquals("东华门", Input.text(body, "name", 10, true));
    assertNull(Input.text(body, "missing", 10, false));
    assertEquals("required", refused(() -> Input.text(body, "missing", 10, true)).rule());
    assertEquals("text", refused(() -> Input.text(body, "blank", 10, true)).rule());
    assertEquals("text", refused(() -> Input.text(body, "number", 10, true)).rule());
    assertEquals("length", refused(() -> Input.text(body, "name", 2, true)).rule());
    assertEquals("text", refused(() -> Input.text(body, "nul", 10, true)).rule(), "PostgreSQL cannot store NUL");
  }

  @Test
  void identifiersHaveNoControlCharactersAndAreShort() {
    assertEquals("P0001", Input.identifier("officer", "P0001"));
    assertEquals("identifier", refused(() -> Input.identifier("officer", "P\n1")).rule());
    assertEquals("identifier", refused(() -> Input.identifier("officer", "x".repeat(65))).rule());
    assertEquals("identifier", refused(() -> Input.identifier("officer", "")).rule());
  }
}
