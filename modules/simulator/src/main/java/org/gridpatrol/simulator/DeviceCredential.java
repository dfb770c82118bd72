package org.gridpatrol.simulator;

/**
 * A device as the devices file lists it.
 *
 * @param uniqueId    the id it reports with (OsmAnd {@code id})
 * @param officerCode the officer carrying it
 * @param token       bearer token for the JSON API
 * @param osmandKey   its key on the OsmAnd port, or null (a file from before keys)
 */
record DeviceCredential(String uniqueId, String officerCode, String token, String osmandKey) {
}
