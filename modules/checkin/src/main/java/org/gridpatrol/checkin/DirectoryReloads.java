package org.gridpatrol.checkin;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import org.gridpatrol.events.Addresses;
import org.gridpatrol.store.DirectoryRepository;
import org.gridpatrol.store.GridRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's cell index and device directory as the database has them: loaded at start and again
 * whenever any node imports a grid or changes a device.
 */
public final class DirectoryReloads {
  private static final Logger LOG = LoggerFactory.getLogger(DirectoryReloads.class);

  private final GridRepository cells;
  private final DirectoryRepository directory;
  private final LiveGrid grid;
  private final DeviceDirectory devices;

  public DirectoryReloads(GridRepository cells, DirectoryRepository directory, LiveGrid grid, DeviceDirectory devices) {
    this.cells = cells;
    this.directory = directory;
    this.grid = grid;
    this.devices = devices;
  }

  /** Loads both, then follows {@link Addresses#GRID_CHANGED} and {@link Addresses#DEVICES_CHANGED}. */
  public Future<Void> start(EventBus eventBus) {
    eventBus.consumer(Addresses.GRID_CHANGED, message -> reloadGrid()
        .onFailure(failure -> LOG.error("Reloading the grid failed", failure)));
    eventBus.consumer(Addresses.DEVICES_CHANGED, message -> reloadDevices()
        .onFailure(failure -> LOG.error("Reloading the devices failed", failure)));
    return reloadGrid().compose(v -> reloadDevices());
  }

  private Future<Void> reloadGrid() {
    return cells.allCells().map(list -> {
      grid.replace(list);
      LOG.info("Cell index holds {} cells", list.size());
      return null;
    });
  }

  private Future<Void> reloadDevices() {
    return directory.activeDevices().map(list -> {
      devices.replaceAll(list);
      LOG.info("Device directory holds {} devices", list.size());
      return null;
    });
  }
}
