package org.gridpatrol.domain.checkin;

import org.gridpatrol.domain.grid.CellIndex.IndexedCell;

/**
 * When an explicit "I am at this cell" check-in counts as a visit of the cell: only when its fix lies in the cell
 * or near it, within the fix's own accuracy plus a tolerance (a phone at a cell's edge, a building's shadow).
 * Anything farther is patrol evidence nobody could trust, so the fix is kept as it is and the claim only flagged.
 *
 * @param toleranceMetres what the fix may lie outside the cell beyond its accuracy
 */
public record ClaimRule(double toleranceMetres) {
  /** A phone may report any accuracy; more than this does not widen what a claim may reach. */
  public static final double MOST_ACCURACY_METRES = 100;

  public ClaimRule {
    if (!(toleranceMetres >= 0) || Double.isInfinite(toleranceMetres)) {
      throw new IllegalArgumentException("the claim tolerance must be 0 metres or more, got " + toleranceMetres);
    }
  }

  public boolean counts(IndexedCell claimed, Fix fix) {
    double accuracy = fix.accuracy() == null ? 0 : Math.min(fix.accuracy(), MOST_ACCURACY_METRES);
    return claimed.metresFrom(fix.lat(), fix.lon()) <= accuracy + toleranceMetres;
  }
}
