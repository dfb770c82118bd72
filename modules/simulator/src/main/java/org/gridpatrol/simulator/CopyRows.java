package org.gridpatrol.simulator;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** Position rows shaped like the node's check-ins, written in PostgreSQL's COPY text or binary format. */
final class CopyRows {
  /** The columns the node fills for a plain check-in. */
  static final String COLUMNS =
      "device_id, fix_time, client_ref, officer_id, received_at, lat, lon, accuracy, speed, heading, battery, cell_id";
  private static final int COLUMN_COUNT = 12;
  private static final byte[] BINARY_SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
  /** PostgreSQL's binary timestamps count microseconds from 2000-01-01T00:00:00Z. */
  private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;

  enum Format { TEXT, BINARY }

  /**
   * One positions row; times are epoch microseconds.
   *
   * @param cellId null when the fix is outside every cell
   */
  record Row(long deviceId, long fixMicros, String clientRef, long officerId, long receivedMicros, double lat,
             double lon, float accuracy, float speed, float heading, float battery, Long cellId) {}

  private CopyRows() {}

  static String copyStatement(Format format) {
    return "COPY positions (" + COLUMNS + ") FROM STDIN" + (format == Format.BINARY ? " WITH (FORMAT binary)" : "");
  }

  static byte[] encode(List<Row> rows, Format format) {
    return format == Format.BINARY ? binary(rows) : text(rows);
  }

  private static byte[] text(List<Row> rows) {
    StringBuilder out = new StringBuilder(rows.size() * 160);
    for (Row row : rows) {
      out.append(row.deviceId()).append('\t')
          .append(timestamp(row.fixMicros())).append('\t')
          .append(row.clientRef()).append('\t')
          .append(row.officerId()).append('\t')
          .append(timestamp(row.receivedMicros())).append('\t')
          .append(row.lat()).append('\t')
          .append(row.lon()).append('\t')
          .append(row.accuracy()).append('\t')
          .append(row.speed()).append('\t')
          .append(row.heading()).append('\t')
          .append(row.battery()).append('\t')
          .append(row.cellId() == null ? "\\N" : row.cellId().toString()).append('\n');
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String timestamp(long epochMicros) {
    return Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000), Math.floorMod(epochMicros, 1_000_000) * 1000L)
        .toString();
  }

  private static byte[] binary(List<Row> rows) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(rows.size() * 120 + 32);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.write(BINARY_SIGNATURE);
      out.writeInt(0); // flags: no OIDs
      out.writeInt(0); // no header extension
      for (Row row : rows) {
        out.writeShort(COLUMN_COUNT);
        int8(out, row.deviceId());
        int8(out, row.fixMicros() - POSTGRES_EPOCH_MICROS);
        byte[] ref = row.clientRef().getBytes(StandardCharsets.UTF_8);
        out.writeInt(ref.length);
        out.write(ref);
        int8(out, row.officerId());
        int8(out, row.receivedMicros() - POSTGRES_EPOCH_MICROS);
        float8(out, row.lat());
        float8(out, row.lon());
        float4(out, row.accuracy());
        float4(out, row.speed());
        float4(out, row.heading());
        float4(out, row.battery());
        if (row.cellId() == null) {
          out.writeInt(-1);
        } else {
          int8(out, row.cellId());
        }
      }
      out.writeShort(-1);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot happen writing to memory", e);
    }
    return bytes.toByteArray();
  }

  private static void int8(DataOutputStream out, long value) throws IOException {
    out.writeInt(8);
    out.writeLong(value);
  }

  private static void float8(DataOutputStream out, double value) throws IOException {
    out.writeInt(8);
    out.writeDouble(value);
  }

  private static void float4(DataOutputStream out, float value) throws IOException {
    out.writeInt(4);
    out.writeFloat(value);
  }
}
