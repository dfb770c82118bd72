package org.gridpatrol.checkin;

import java.util.List;
import java.util.Optional;
import org.gridpatrol.domain.grid.CellIndex;
import org.gridpatrol.domain.grid.Shards;
import org.gridpatrol.store.GridRepository.StoredCell;
import org.locationtech.jts.geom.Geometry;

/**
 * The grid as this node uses it for placing fixes: an immutable {@link CellIndex} swapped atomically when
 * the grid is re-imported, so lookups never see half an import.
 */
public final class LiveGrid {
  private final int shardCount;
  private volatile CellIndex index = CellIndex.empty();

  public LiveGrid(int shardCount) {
    this.shardCount = shardCount;
  }

  public void replace(List<StoredCell> cells) {
    index = CellIndex.build(cells.stream()
        .map(c -> new CellIndex.IndexedCell(c.id(), c.code(), c.geometry()))
        .toList());
  }

  public Optional<CellIndex.IndexedCell> locate(double lat, double lon) {
    return index.locate(lat, lon);
  }

  public Optional<CellIndex.IndexedCell> byCode(String code) {
    return index.byCode(code);
  }

  public Optional<CellIndex.IndexedCell> byId(long id) {
    return index.byId(id);
  }

  /** The cells an area covers (see {@link CellIndex#inArea}). */
  public List<CellIndex.IndexedCell> inArea(Geometry area) {
    return index.inArea(area);
  }

  public int shardOf(String cellCode) {
    return Shards.shardOf(cellCode, shardCount);
  }

  public int shardCount() {
    return shardCount;
  }

  public int size() {
    return index.size();
  }
}
