package org.gridpatrol.domain.grid;

import java.util.List;

/**
 * Outcome of importing a grid file: the accepted cells, in file order, and one or more
 * problems for every rejected feature, ordered by feature index. See
 * {@link GridGeoJson#parse(String, String)} for which feature wins a conflict.
 */
public record GridParseResult(List<GridCell> cells, List<GridProblem> problems) {

  public GridParseResult {
    cells = List.copyOf(cells);
    problems = List.copyOf(problems);
  }

  public boolean hasProblems() {
    return !problems.isEmpty();
  }
}
