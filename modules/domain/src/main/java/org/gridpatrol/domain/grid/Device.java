package org.gridpatrol.domain.grid;

/**
 * A handheld GPS device carried by one officer.
 *
 * @param uniqueId    the id the device reports with its positions, e.g. {@code 100001}
 * @param officerCode code of the {@link Officer} carrying it
 */
public record Device(String uniqueId, String officerCode) {
}
