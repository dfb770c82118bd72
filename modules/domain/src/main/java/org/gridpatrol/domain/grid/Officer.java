package org.gridpatrol.domain.grid;

/**
 * A grid officer, responsible for one community.
 *
 * @param code          e.g. {@code P0001}
 * @param name          e.g. 王伟
 * @param teamCode      code of the officer's {@link Team}
 * @param communityCode 12-digit district + street + community code, e.g. {@code 110101001001}
 */
public record Officer(String code, String name, String teamCode, String communityCode) {
}
