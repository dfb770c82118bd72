package org.gridpatrol.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gridpatrol.domain.grid.CellCode;
import org.gridpatrol.domain.directory.Device;
import org.gridpatrol.domain.grid.Earth;
import org.gridpatrol.domain.grid.GridCell;
import org.gridpatrol.domain.directory.Officer;
import org.gridpatrol.domain.directory.Team;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * A generated, realistic-looking city for demos and load tests: grid cells with their
 * communities and streets, one patrol team per street, one officer per community and one
 * device per officer. The same plan always yields an equal city.
 *
 * <p>Layout: square cells of {@code cellSizeMetres} (converted to degrees at the box's
 * centre latitude) on a lattice anchored at the box's north-west corner. The lattice is
 * cut to whole communities, so a strip narrower than one community at the east and south
 * edges stays empty; streets at those edges may hold fewer communities. Streets,
 * communities within a street and cells within a community are each numbered from 001,
 * west to east and then north to south (row 1 is the northernmost). Neighbouring cells
 * share exactly equal corner coordinates, so they touch without overlapping.
 *
 * @param cells    in code order
 * @param teams    in street order
 * @param officers in community order
 * @param devices  in officer order
 */
public record DemoCity(List<GridCell> cells, List<Team> teams, List<Officer> officers, List<Device> devices) {

  private static final List<String> SURNAMES = List.of(
      "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭");
  private static final List<String> GIVEN_NAMES = List.of(
      "伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇",
      "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞", "平", "刚", "建华");
  private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

  public DemoCity {
    cells = List.copyOf(cells);
    teams = List.copyOf(teams);
    officers = List.copyOf(officers);
    devices = List.copyOf(devices);
  }

  /**
   * Generates the city described by a plan.
   *
   * @throws IllegalArgumentException if the box cannot hold one community or would need
   *                                  more than 999 streets
   */
  public static DemoCity generate(DemoCityPlan plan) {
    return new Generator(plan).run();
  }

  /** Holds the lattice geometry and the growing lists while one city is generated. */
  private static final class Generator {
    private final DemoCityPlan plan;
    private final double cellLat;
    private final double cellLon;
    private final int communityColumns;
    private final int communityRows;
    private final List<GridCell> cells = new ArrayList<>();
    private final List<Team> teams = new ArrayList<>();
    private final List<Officer> officers = new ArrayList<>();
    private final List<Device> devices = new ArrayList<>();

    Generator(DemoCityPlan plan) {
      this.plan = plan;
      cellLat = plan.cellSizeMetres() / Earth.METRES_PER_DEGREE;
      cellLon = plan.cellSizeMetres() / Earth.metresPerDegreeLon((plan.south() + plan.north()) / 2);
      int side = plan.cellsPerCommunitySide();
      // The epsilon keeps a box that is exactly N cells wide from losing a cell to rounding.
      communityColumns = (int) Math.floor((plan.east() - plan.west()) / cellLon + 1e-9) / side;
      communityRows = (int) Math.floor((plan.north() - plan.south()) / cellLat + 1e-9) / side;
      if (communityColumns < 1 || communityRows < 1) {
        throw new IllegalArgumentException("the box cannot hold a single community of " + side + " x "
            + side + " cells of " + plan.cellSizeMetres() + " m");
      }
    }

    DemoCity run() {
      int perStreet = plan.communitiesPerStreetSide();
      int streetColumns = (communityColumns + perStreet - 1) / perStreet;
      int streetRows = (communityRows + perStreet - 1) / perStreet;
      if (streetColumns * streetRows > 999) {
        throw new IllegalArgumentException("the box would need " + streetColumns * streetRows
            + " streets, more than 999; use larger cells or streets");
      }
      int streetNo = 0;
      for (int streetRow = 0; streetRow < streetRows; streetRow++) {
        for (int streetColumn = 0; streetColumn < streetColumns; streetColumn++) {
          streetNo++;
          addStreet(streetNo, streetRow * perStreet, streetColumn * perStreet);
        }
      }
      return new DemoCity(cells, teams, officers, devices);
    }

    /** Adds a street whose north-west community is at (firstRow, firstColumn) of the community lattice. */
    private void addStreet(int streetNo, int firstRow, int firstColumn) {
      String name = streetNo <= plan.streetNames().size()
          ? plan.streetNames().get(streetNo - 1)
          : "第" + streetNo + "街道";
      String streetCode = plan.districtCode() + threeDigits(streetNo);
      Team team = new Team("T" + streetCode, name + "巡查队", streetCode, null);
      teams.add(team);
      int perStreet = plan.communitiesPerStreetSide();
      int rows = Math.min(perStreet, communityRows - firstRow);
      int columns = Math.min(perStreet, communityColumns - firstColumn);
      int communityNo = 0;
      for (int row = 0; row < rows; row++) {
        for (int column = 0; column < columns; column++) {
          communityNo++;
          addCommunity(team, name, streetNo, communityNo, firstRow + row, firstColumn + column);
        }
      }
    }

    private void addCommunity(Team team, String streetName, int streetNo, int communityNo,
                 int communityRow, int communityColumn) {
      String name = streetName + "第" + communityNo + "社区";
      String communityCode = team.areaCode() + threeDigits(communityNo);
      int officerNo = officers.size();
      Officer officer = Officer.onDuty(String.format(Locale.ROOT, "P%04d", officerNo + 1), officerName(officerNo),
          team.code(), communityCode);
      officers.add(officer);
      devices.add(Device.handheld(Integer.toString(plan.firstDeviceUniqueId() + officerNo), officer.code()));

      int side = plan.cellsPerCommunitySide();
      for (int row = 0; row < side; row++) {
        for (int column = 0; column < side; column++) {
          int seq = row * side + column + 1;
          String code = CellCode.of(plan.districtCode(), streetNo, communityNo, seq);
          Polygon square = square(communityRow * side + row, communityColumn * side + column);
          cells.add(new GridCell(code, name + threeDigits(seq) + "号网格", plan.districtName(), streetName,
              name, square));
        }
      }
    }

    /** The cell at a lattice position; every corner comes from the same formula, so neighbours match exactly. */
    private Polygon square(int row, int column) {
      double west = plan.west() + column * cellLon;
      double east = plan.west() + (column + 1) * cellLon;
      double north = plan.north() - row * cellLat;
      double south = plan.north() - (row + 1) * cellLat;
      // Counter-clockwise exterior ring, as RFC 7946 recommends.
      return WGS84.createPolygon(new Coordinate[] {
        new Coordinate(west, south), new Coordinate(east, south), new Coordinate(east, north),
        new Coordinate(west, north), new Coordinate(west, south)});
    }
  }

  /**
   * A deterministic Chinese name. With i = 16q + r the given name index is (17q + r) mod 23,
   * which differs for every q below 23, so the first 16 x 23 = 368 names are all distinct.
   */
  static String officerName(int index) {
    int surnames = SURNAMES.size();
    return SURNAMES.get(index % surnames) + GIVEN_NAMES.get((index + index / surnames) % GIVEN_NAMES.size());
  }

  private static String threeDigits(int n) {
    return String.format(Locale.ROOT, "%03d", n);
  }
}
