package org.gridpatrol.console;

import org.gridpatrol.web.FieldError;
import org.gridpatrol.web.InputException;

/** A map view's box: west, south, east, north in degrees, as a query parameter or a live-socket message. */
final class BoundingBox {
  private BoundingBox() {}

  /** A box from "west,south,east,north" in degrees. */
  static double[] parse(String text) {
    if (text == null) {
      throw new InputException("bbox", "required", "bbox is required: west,south,east,north in degrees");
    }
    String[] parts = text.split(",", -1);
    if (parts.length != 4) {
      throw new InputException("bbox", "bbox", "bbox must be four numbers: west,south,east,north");
    }
    double[] box = new double[4];
    for (int i = 0; i < 4; i++) {
      try {
        box[i] = Double.parseDouble(parts[i].trim());
      } catch (NumberFormatException e) {
        throw new InputException("bbox", "bbox", "bbox must be four numbers: west,south,east,north");
      }
    }
    return checked(box);
  }

  /** The box if it is one: longitudes within ±180, latitudes within ±90, west <= east, south <= north. */
  static double[] checked(double[] box) {
    FieldError problem = problem(box);
    if (problem != null) {
      throw new InputException(problem.field(), problem.rule(), problem.message());
    }
    return box;
  }

  /** What is wrong with the box, or null if nothing (for the live socket, which answers with a frame). */
  static FieldError problem(double[] box) {
    for (int i = 0; i < 4; i++) {
      double limit = i % 2 == 0 ? 180 : 90;
      if (!Double.isFinite(box[i]) || Math.abs(box[i]) > limit) {
        return new FieldError("bbox", "range", "bbox longitudes lie within ±180 and latitudes within ±90");
      }
    }
    if (box[0] > box[2] || box[1] > box[3]) {
      return new FieldError("bbox", "order", "bbox is west,south,east,north with west <= east, south <= north");
    }
    return null;
  }
}
