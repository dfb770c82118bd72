package org.gridpatrol.console;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.gridpatrol.web.InputException;
import org.junit.jupiter.api.Test;

class BoundingBoxTest {
  @Test
  void aBoxIsWestSouthEastNorth() {
    assertArrayEquals(new double[] {116.39, 39.92, 116.42, 39.95}, BoundingBox.parse("116.39, 39.92,116.42,39.95"));
  }

  @Test
  void whatIsNoBoxIsRefusedNamingTheRule() {
    assertEquals("required", refused(null));
    assertEquals("bbox", refused("1,2,3"));
    assertEquals("bbox", refused("a,b,c,d"));
    assertEquals("range", refused("-181,0,0,0"));
    assertEquals("range", refused("0,0,0,NaN"));
    assertEquals("order", refused("10,0,5,1"), "west after east");
    assertEquals("order", refused("0,10,1,5"), "south above north");
  }

  private static String refused(String text) {
    InputException e = assertThrows(InputException.class, () -> BoundingBox.parse(text));
    assertEquals("bbox", e.error().field());
    return e.error().rule();
  }
}
