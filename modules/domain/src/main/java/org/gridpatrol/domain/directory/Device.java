package org.gridpatrol.domain.directory;

import java.util.ArrayList;
import java.util.List;

/**
 * A GPS device an officer carries (or a vehicle).
 *
 * @param uniqueId    the id the device reports with its positions, e.g. {@code 100001} or an IMEI
 * @param kind        handheld, web handheld or vehicle
 * @param officerCode code of the {@link Officer} it is assigned to, or null
 */
public record Device(String uniqueId, DeviceKind kind, String officerCode) {
  /** Web handhelds are named after their officer; no other device may take such a name. */
  public static final String WEB_HANDHELD_PREFIX = "web-";

  /** A handheld of an officer, as the demo city has them. */
  public static Device handheld(String uniqueId, String officerCode) {
    return new Device(uniqueId, DeviceKind.HANDHELD, officerCode);
  }

  /** Everything wrong with it, field by field (empty when it can be stored). */
  public List<FieldProblem> problems() {
    List<FieldProblem> problems = new ArrayList<>();
    if (uniqueId == null || !uniqueId.matches("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}")) {
      problems.add(new FieldProblem("uniqueId", "format",
          "uniqueId must be 1 to 64 letters, digits and . _ : - (what the device sends as its id)"));
    } else if (kind != DeviceKind.WEB_HANDHELD && uniqueId.startsWith(WEB_HANDHELD_PREFIX)) {
      problems.add(new FieldProblem("uniqueId", "reserved",
          "ids starting with " + WEB_HANDHELD_PREFIX + " belong to officers' handheld pages"));
    }
    if (kind == null) {
      problems.add(new FieldProblem("kind", "one_of", "kind must be handheld, web_handheld or vehicle"));
    }
    if (officerCode != null) {
      DirectoryRules.code("officer", officerCode, problems);
    }
    return problems;
  }
}
