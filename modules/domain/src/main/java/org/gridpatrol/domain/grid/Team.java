package org.gridpatrol.domain.grid;

/**
 * A patrol team; there is one per street.
 *
 * @param code       e.g. {@code T110101001}
 * @param name       e.g. 东华门街道巡查队
 * @param streetCode 9-digit district + street code, e.g. {@code 110101001}
 */
public record Team(String code, String name, String streetCode) {
}
