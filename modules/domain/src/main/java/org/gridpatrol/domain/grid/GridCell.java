package org.gridpatrol.domain.grid;

import java.util.Objects;
import org.locationtech.jts.geom.Geometry;

/**
 * One unit grid cell.
 *
 * @param code      15-digit cell code, see {@link CellCode}
 * @param name      display name of the cell
 * @param district  district name, e.g. 东城区
 * @param street    street name, e.g. 东华门街道
 * @param community community name, e.g. 多福巷社区
 * @param geometry  Polygon or MultiPolygon in WGS-84, x = longitude, y = latitude.
 *                  Record equality compares it with JTS {@code equalsExact}.
 */
public record GridCell(String code, String name, String district, String street, String community,
           Geometry geometry) {

  public GridCell {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(district, "district");
    Objects.requireNonNull(street, "street");
    Objects.requireNonNull(community, "community");
    Objects.requireNonNull(geometry, "geometry");
  }
}
