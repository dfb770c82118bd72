package org.gridpatrol.checkin;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.gridpatrol.domain.checkin.Fix;
import org.gridpatrol.domain.checkin.ClaimRule;
import org.gridpatrol.domain.checkin.FixFilter;
import org.gridpatrol.domain.checkin.PreviousFix;
import org.gridpatrol.domain.checkin.RejectReason;
import org.gridpatrol.domain.grid.CellIndex.IndexedCell;
import org.gridpatrol.events.CheckinEvent;
import org.gridpatrol.store.DeviceRecord;
import org.gridpatrol.store.PositionRow;
import org.gridpatrol.store.PositionWriter;
import org.gridpatrol.web.FieldError;

/**
 * The check-in pipeline shared by every intake (JSON API, OsmAnd): filter, place in a cell, commit with group
 * commit, then announce on the event bus (through the {@link EventOutbox}). Thread-safe; one instance per node.
 */
public final class CheckinService {
  /** The attribute a stored fix carries when it claimed a cell it was not near: the claimed cell's code. */
  public static final String CLAIM_OUTSIDE_CELL = "claimOutsideCell";

  private final EventOutbox outbox;
  private final Clock clock;
  private final FixFilter filter;
  private final ClaimRule claims;
  private final LiveGrid grid;
  private final DeviceDirectory devices;
  private final PositionWriter writer;
  private final CheckinMetrics metrics;

  public CheckinService(EventOutbox outbox, Clock clock, FixFilter filter, ClaimRule claims, LiveGrid grid,
                        DeviceDirectory devices,
                        PositionWriter writer, CheckinMetrics metrics) {
    this.outbox = outbox;
    this.clock = clock;
    this.filter = filter;
    this.claims = claims;
    this.grid = grid;
    this.devices = devices;
    this.writer = writer;
    this.metrics = metrics;
  }

  public DeviceDirectory devices() {
    return devices;
  }

  /**
   * Processes one device's check-ins. The future completes once the accepted ones are committed, with one
   * result per item in the given order; it fails only when the store could not commit (nothing acknowledged).
   *
   * @param fieldPrefix prefix for field names in problems, e.g. "checkins[3]." for the JSON batch
   */
  public Future<List<ItemResult>> submit(DeviceRecord device, List<Decoded> items, FieldPrefix fieldPrefix) {
    metrics.request(items.size());
    Instant now = clock.instant();
    ItemResult[] results = new ItemResult[items.size()];
    List<PositionRow> rows = new ArrayList<>(items.size());
    List<Integer> rowItems = new ArrayList<>(items.size());
    List<IndexedCell> rowCells = new ArrayList<>(items.size());
    List<Boolean> rowClaimsOutside = new ArrayList<>(items.size());
    PreviousFix previous = devices.lastFix(device.id());
    for (int i = 0; i < items.size(); i++) {
      Decoded decoded = items.get(i);
      if (!decoded.ok()) {
        results[i] = ItemResult.rejected(decoded.clientRef(), decoded.error());
        metrics.rejected(decoded.error().rule());
        continue;
      }
      CheckinItem item = decoded.item();
      Fix fix = item.fix();
      Optional<RejectReason> reason = filter.check(fix, previous, now);
      if (reason.isPresent()) {
        results[i] = filtered(item, reason.get(), fieldPrefix.of(i));
        continue;
      }
      IndexedCell claimed = null;
      if (item.claimedCell() != null) {
        claimed = grid.byCode(item.claimedCell()).orElse(null);
        if (claimed == null) {
          results[i] = ItemResult.rejected(item.clientRef(), new FieldError(fieldPrefix.of(i) + "cell",
              "unknown_cell", "cell " + item.claimedCell() + " is not in the grid"));
          metrics.rejected("unknown_cell");
          continue;
        }
      }
      if (previous == null || fix.fixTime().isAfter(previous.fixTime())) {
        previous = new PreviousFix(fix.fixTime(), fix.lat(), fix.lon());
      }
      IndexedCell cell = grid.locate(fix.lat(), fix.lon()).orElse(null);
      // A claim far from where the fix is counts for nothing: the fix is kept as it is, the claim as a flag.
      JsonObject attributes = item.attributes();
      boolean outside = claimed != null && !claims.counts(claimed, fix);
      if (outside) {
        attributes = (attributes == null ? new JsonObject() : attributes.copy()).put(CLAIM_OUTSIDE_CELL, claimed.code());
        claimed = null;
        metrics.claimOutsideCell();
      }
      rows.add(new PositionRow(device.id(), device.officerId(), fix.fixTime(), item.clientRef(), fix.lat(),
          fix.lon(), toFloat(fix.accuracy()), toFloat(fix.speed()), toFloat(fix.heading()),
          toFloat(fix.altitude()), toFloat(fix.battery()), cell == null ? null : cell.id(),
          claimed == null ? null : claimed.id(), item.note(), attributes == null ? null : attributes.encode()));
      rowItems.add(i);
      rowCells.add(claimed != null ? claimed : cell);
      rowClaimsOutside.add(outside);
    }
    return writer.write(rows).map(written -> {
      Instant acknowledged = clock.instant();
      List<CheckinEvent> events = new ArrayList<>(rows.size());
      for (int r = 0; r < rows.size(); r++) {
        int i = rowItems.get(r);
        PositionRow row = rows.get(r);
        IndexedCell cell = rowCells.get(r);
        String cellCode = cell == null ? null : cell.code();
        if (written.inserted()[r]) {
          results[i] = new ItemResult(row.clientRef(), ItemResult.Status.ACCEPTED, cellCode, rowClaimsOutside.get(r),
              null);
          metrics.accepted();
          devices.rememberFix(device.id(), new PreviousFix(row.fixTime(), row.lat(), row.lon()));
          events.add(new CheckinEvent(device.uniqueId(), device.officerId(), device.officerCode(),
              cell == null ? null : cell.id(), cellCode, cell == null ? -1 : grid.shardOf(cellCode),
              row.fixTime(), now, acknowledged, row.lat(), row.lon(), items.get(i).item().fix().heading(),
              row.claimedCellId() != null));
        } else {
          results[i] = new ItemResult(row.clientRef(), ItemResult.Status.DUPLICATE, cellCode, false, null);
          metrics.duplicate();
        }
      }
      outbox.add(events);
      return Arrays.asList(results);
    });
  }

  private ItemResult filtered(CheckinItem item, RejectReason reason, String prefix) {
    if (reason == RejectReason.DUPLICATE) {
      metrics.duplicate();
      return new ItemResult(item.clientRef(), ItemResult.Status.DUPLICATE, null, false, null);
    }
    metrics.rejected(reason.key());
    return ItemResult.rejected(item.clientRef(), switch (reason) {
      case INVALID -> new FieldError(prefix + "valid", reason.key(), "the device marked this fix invalid");
      case ZERO -> new FieldError(prefix + "lat", reason.key(), "lat and lon are both 0: the device had no fix");
      case FUTURE -> new FieldError(prefix + "time", reason.key(), "fix time is too far in the future");
      case TOO_OLD -> new FieldError(prefix + "time", reason.key(), "fix time is older than the accepted age");
      case ACCURACY -> new FieldError(prefix + "accuracy", reason.key(), "accuracy is worse than allowed");
      case SPEED -> new FieldError(prefix + "lat", reason.key(),
          "implausible jump from the previous fix (speed above the limit)");
      case DUPLICATE -> throw new IllegalStateException("handled above");
    });
  }

  private static Float toFloat(Double value) {
    return value == null ? null : value.floatValue();
  }

  /** How field names in problems are prefixed for item i. */
  public interface FieldPrefix {
    String of(int item);

    FieldPrefix NONE = item -> "";
    FieldPrefix JSON_BATCH = item -> "checkins[" + item + "].";
  }
}
