package org.gridpatrol.checkin;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.gridpatrol.events.Addresses;
import org.gridpatrol.store.DeviceRepository;
import org.gridpatrol.store.GridRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's cell index and device directory as the database has them: loaded at start and again
 * whenever any node imports a grid or changes a device. A retired or re-keyed device must be refused
 * everywhere within seconds even if this node missed the cluster's message (a node joining, a partition), so
 * the devices' fingerprint is also checked every {@code recheck} and a change reloads them.
 */
public final class DirectoryReloads {
  private static final Logger LOG = LoggerFactory.getLogger(DirectoryReloads.class);

  private final GridRepository cells;
  private final DeviceRepository deviceStore;
  private final LiveGrid grid;
  private final DeviceDirectory devices;
  private final Duration recheck;
  // Timers and cluster messages may run on different event loops.
  private volatile String loadedFingerprint = "";
  private final AtomicBoolean checking = new AtomicBoolean();

  public DirectoryReloads(GridRepository cells, DeviceRepository deviceStore, LiveGrid grid, DeviceDirectory devices,
                          Duration recheck) {
    this.cells = cells;
    this.deviceStore = deviceStore;
    this.grid = grid;
    this.devices = devices;
    this.recheck = recheck;
  }

  /** Loads both, then follows {@link Addresses#GRID_CHANGED}, {@link Addresses#DEVICES_CHANGED} and the fingerprint. */
  public Future<Void> start(Vertx vertx) {
    vertx.eventBus().consumer(Addresses.GRID_CHANGED, message -> reloadGrid()
        .onFailure(failure -> LOG.error("Reloading the grid failed", failure)));
    vertx.eventBus().consumer(Addresses.DEVICES_CHANGED, message -> reloadDevices()
        .onFailure(failure -> LOG.error("Reloading the devices failed", failure)));
    return reloadGrid().compose(v -> reloadDevices()).onSuccess(v -> vertx.setPeriodic(recheck.toMillis(),
        timer -> recheckDevices()));
  }

  private Future<Void> reloadGrid() {
    return cells.allCells().map(list -> {
      grid.replace(list);
      LOG.info("Cell index holds {} cells", list.size());
      return null;
    });
  }

  /**
   * Reloads the devices now, e.g. so that a change answered on this node holds here before the answer. The
   * fingerprint is read before the devices, so a change landing in between triggers one more reload.
   */
  public Future<Void> reloadDevices() {
    return deviceStore.fingerprint()
        .compose(fingerprint -> deviceStore.activeDevices().map(list -> {
          devices.replaceAll(list);
          loadedFingerprint = fingerprint;
          LOG.info("Device directory holds {} devices", list.size());
          return null;
        }));
  }

  private void recheckDevices() {
    if (!checking.compareAndSet(false, true)) {
      return;
    }
    deviceStore.fingerprint()
        .compose(fingerprint -> fingerprint.equals(loadedFingerprint) ? Future.succeededFuture()
            : reloadDevices())
        .onFailure(failure -> LOG.warn("Checking the devices for changes failed: {}", failure.getMessage()))
        .onComplete(done -> checking.set(false));
  }
}
