package org.gridpatrol.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CopyRowsTest {
  private static final long FIX_MICROS = 1_700_000_000_123_456L;
  private static final CopyRows.Row WITH_CELL = new CopyRows.Row(7, FIX_MICROS, "copy-x-0", 3, FIX_MICROS + 5_000_000,
      39.91, 116.4, 5.5f, 1.25f, 90f, 80f, 1234L);
  private static final CopyRows.Row WITHOUT_CELL = new CopyRows.Row(7, FIX_MICROS + 1, "copy-x-1", 3,
      FIX_MICROS + 5_000_000, 39.92, 116.41, 5f, 1f, 180f, 80f, null);

  @Test
  void textFormatHasOneTabSeparatedLinePerRow() {
    String text = new String(CopyRows.encode(List.of(WITH_CELL, WITHOUT_CELL), CopyRows.Format.TEXT),
        StandardCharsets.UTF_8);
    String[] lines = text.split("\n");
    assertEquals(2, lines.length);
    String[] first = lines[0].split("\t");
    assertEquals(12, first.length);
    assertEquals(List.of("7", "copy-x-0", "3", "39.91", "116.4", "5.5", "1.25", "90.0", "80.0", "1234"),
        List.of(first[0], first[2], first[3], first[5], first[6], first[7], first[8], first[9], first[10], first[11]));
    assertEquals(Instant.parse("2023-11-14T22:13:20.123456Z"), Instant.parse(first[1]));
    assertEquals("\\N", lines[1].split("\t")[11]);
  }

  @Test
  void binaryFormatFollowsPostgresCopyLayout() throws IOException {
    byte[] bytes = CopyRows.encode(List.of(WITH_CELL, WITHOUT_CELL), CopyRows.Format.BINARY);
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
    byte[] signature = new byte[11];
    in.readFully(signature);
    assertArrayEquals(new byte[] {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0}, signature);
    assertEquals(0, in.readInt()); // flags
    assertEquals(0, in.readInt()); // header extension length

    List<ByteBuffer> first = readTuple(in);
    assertEquals(12, first.size());
    assertEquals(7, first.get(0).getLong());
    assertEquals(FIX_MICROS - 946_684_800_000_000L, first.get(1).getLong()); // microseconds since 2000-01-01
    assertEquals("copy-x-0", StandardCharsets.UTF_8.decode(first.get(2)).toString());
    assertEquals(3, first.get(3).getLong());
    assertEquals(FIX_MICROS + 5_000_000 - 946_684_800_000_000L, first.get(4).getLong());
    assertEquals(39.91, first.get(5).getDouble());
    assertEquals(116.4, first.get(6).getDouble());
    assertEquals(5.5f, first.get(7).getFloat());
    assertEquals(1.25f, first.get(8).getFloat());
    assertEquals(90f, first.get(9).getFloat());
    assertEquals(80f, first.get(10).getFloat());
    assertEquals(1234, first.get(11).getLong());

    List<ByteBuffer> second = readTuple(in);
    assertEquals(12, second.size());
    assertNull(second.get(11));
    assertEquals(-1, in.readShort()); // trailer
    assertEquals(-1, in.read()); // and nothing after it
  }

  /** One tuple: the field count, then each field's length and bytes; a NULL field (length -1) as null. */
  private static List<ByteBuffer> readTuple(DataInputStream in) throws IOException {
    int fields = in.readShort();
    List<ByteBuffer> values = new ArrayList<>();
    for (int i = 0; i < fields; i++) {
      int length = in.readInt();
      if (length < 0) {
        values.add(null);
        continue;
      }
      byte[] value = new byte[length];
      in.readFully(value);
      values.add(ByteBuffer.wrap(value));
    }
    return values;
  }

  @Test
  void copyStatementNamesTheFormat() {
    assertEquals("COPY positions (" + CopyRows.COLUMNS + ") FROM STDIN WITH (FORMAT binary)",
        CopyRows.copyStatement(CopyRows.Format.BINARY));
    assertEquals("COPY positions (" + CopyRows.COLUMNS + ") FROM STDIN", CopyRows.copyStatement(CopyRows.Format.TEXT));
  }
}
