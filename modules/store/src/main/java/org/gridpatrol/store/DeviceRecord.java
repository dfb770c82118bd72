package org.gridpatrol.store;

import org.gridpatrol.domain.checkin.PreviousFix;

/**
 * A registered handheld as the check-in path needs it. officerId, officerCode, tokenSha256 and lastFix may be
 * null (no officer assigned, no JSON API token, no fix yet).
 */
public record DeviceRecord(long id, String uniqueId, Long officerId, String officerCode, byte[] tokenSha256,
                           PreviousFix lastFix) {}
