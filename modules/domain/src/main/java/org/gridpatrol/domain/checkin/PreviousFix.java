package org.gridpatrol.domain.checkin;

import java.time.Instant;

/** The newest fix already accepted from a device, as the jump and duplicate filters compare against. */
public record PreviousFix(Instant fixTime, double lat, double lon) {}
