package org.gridpatrol.domain.checkin;

import java.time.Instant;

/**
 * One GPS fix as a handheld reported it, already decoded from its wire format. Optional measurements are
 * null when the device did not send them (or sent a negative "unknown" value).
 *
 * @param speed metres per second
 * @param heading degrees clockwise from north
 * @param battery percent, 0..100
 * @param valid false when the device itself marked the fix invalid (OsmAnd {@code valid=false})
 */
public record Fix(Instant fixTime, double lat, double lon, Double accuracy, Double speed, Double heading,
                  Double altitude, Double battery, boolean valid) {}
