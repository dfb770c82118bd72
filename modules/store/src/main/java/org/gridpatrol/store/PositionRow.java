package org.gridpatrol.store;

import java.time.Instant;

/** One accepted fix as it is written to the positions table. Nullable fields are boxed. */
public record PositionRow(
    long deviceId,
    Long officerId,
    Instant fixTime,
    String clientRef,
    double lat,
    double lon,
    Float accuracy,
    Float speed,
    Float heading,
    Float altitude,
    Float battery,
    Long cellId,
    Long claimedCellId,
    String note,
    String attributesJson) {}
