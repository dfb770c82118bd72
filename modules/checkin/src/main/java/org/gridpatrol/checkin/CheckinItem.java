package org.gridpatrol.checkin;

import io.vertx.core.json.JsonObject;
import org.gridpatrol.domain.checkin.Fix;

/**
 * One check-in decoded from any wire format.
 *
 * @param clientRef the device's own id or sequence for the item ("" for protocols without one); with the
 *     fix time it makes a retried item a duplicate rather than a second row
 * @param claimedCell cell code of an explicit "I am at this cell" check-in, or null
 * @param attributes anything else the device sent, kept as-is; may be null
 */
public record CheckinItem(String clientRef, Fix fix, String claimedCell, String note, JsonObject attributes) {}
