package org.gridpatrol.domain.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CellCodeTest {

  @Test
  void acceptsAStandardCode() {
    assertTrue(CellCode.isValid("110101001001007"));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {
    "11010100100100",      // 14 digits
    "1101010010010071",    // 16 digits
    "11010100100100A",     // letter
    " 11010100100100",     // blank
    "110101001001-07",     // sign
    "１１０１０１００１００１００７", // full-width digits
    "010101001001007",     // district starts with 0
    "110101000001007",     // street 000
    "110101001000007",     // community 000
    "110101001001000",     // sequence 000
  })
  void rejectsMalformedCodes(String code) {
    assertFalse(CellCode.isValid(code));
  }

  @Test
  void splitsIntoParts() {
    String code = "110101023045678";
    assertEquals("110101", CellCode.district(code));
    assertEquals("023", CellCode.street(code));
    assertEquals("045", CellCode.community(code));
    assertEquals("678", CellCode.sequence(code));
  }

  @Test
  void partsOfAnInvalidCodeAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> CellCode.district("1101"));
    assertThrows(IllegalArgumentException.class, () -> CellCode.sequence(null));
  }

  @Test
  void buildsFromParts() {
    assertEquals("110101001001007", CellCode.of("110101", 1, 1, 7));
    assertEquals("110105999999999", CellCode.of("110105", 999, 999, 999));
  }

  @Test
  void refusesPartsOutOfRange() {
    assertThrows(IllegalArgumentException.class, () -> CellCode.of("110101", 0, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> CellCode.of("110101", 1, 1000, 1));
    assertThrows(IllegalArgumentException.class, () -> CellCode.of("1101", 1, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> CellCode.of(null, 1, 1, 1));
  }

  @Property
  void partsRoundTrip(@ForAll @IntRange(min = 100000, max = 999999) int district,
            @ForAll @IntRange(min = 1, max = 999) int street,
            @ForAll @IntRange(min = 1, max = 999) int community,
            @ForAll @IntRange(min = 1, max = 999) int seq) {
    String code = CellCode.of(Integer.toString(district), street, community, seq);
    assertTrue(CellCode.isValid(code));
    assertEquals(Integer.toString(district), CellCode.district(code));
    assertEquals(street, Integer.parseInt(CellCode.street(code)));
    assertEquals(community, Integer.parseInt(CellCode.community(code)));
    assertEquals(seq, Integer.parseInt(CellCode.sequence(code)));
  }
}
