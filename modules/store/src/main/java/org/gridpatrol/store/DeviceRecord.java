package org.gridpatrol.store;

import org.gridpatrol.domain.checkin.PreviousFix;
import org.gridpatrol.domain.directory.DeviceKind;

/**
 * An active device as the check-in path needs it. officerId, officerCode, tokenSha256, osmandKey and lastFix may
 * be null (no officer assigned, no JSON API token, a web handheld, no fix yet).
 */
public record DeviceRecord(long id, String uniqueId, DeviceKind kind, Long officerId, String officerCode,
                           byte[] tokenSha256, String osmandKey, PreviousFix lastFix) {}
