package org.gridpatrol.cases;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.gridpatrol.domain.cases.CasesConfig;
import org.gridpatrol.events.Addresses;
import org.gridpatrol.store.CaseConfigRepository;
import org.gridpatrol.web.InputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cases configuration in force on this node: the newest version in the database (seeded from
 * config/cases.yaml into an empty one), reloaded whenever any node saves a change.
 */
public final class CasesConfigStore {
  private static final Logger LOG = LoggerFactory.getLogger(CasesConfigStore.class);

  /** A version: its id, the document as stored, and what it means. */
  public record Loaded(long version, JsonObject document, CasesConfig config) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final CaseConfigRepository repository;
  private final Clock clock;
  private final List<String> requiredCategories;
  private final AtomicReference<Loaded> current = new AtomicReference<>();

  /** @param requiredCategories categories the node opens cases in by itself; no version may lack them */
  public CasesConfigStore(CaseConfigRepository repository, Clock clock, List<String> requiredCategories) {
    this.repository = repository;
    this.clock = clock;
    this.requiredCategories = List.copyOf(requiredCategories);
  }

  /** The configuration the document describes, if it is valid and keeps the required categories. */
  private CasesConfig parse(JsonObject document) {
    CasesConfig config = CasesConfig.fromMap(plain(document));
    for (String category : requiredCategories) {
      if (config.categories().find(category).isEmpty()) {
        throw new IllegalArgumentException("category " + category + " is needed for the cases opened from alerts "
            + "(cases.patrol_overdue_category, cases.officer_silent_category)");
      }
    }
    return config;
  }

  public CasesConfig config() {
    return current.get().config();
  }

  Loaded loaded() {
    return current.get();
  }

  /** Loads the newest version, first saving the file's content if the database has none. */
  public Future<Void> start(Vertx vertx, Path seedFile) {
    vertx.eventBus().consumer(Addresses.CASES_CONFIG_CHANGED, message -> reload()
        .onFailure(failure -> LOG.error("Reloading the cases configuration failed", failure)));
    return repository.latest().compose(latest -> {
      if (latest.isPresent()) {
        return Future.succeededFuture();
      }
      JsonObject document = new JsonObject(readYaml(seedFile));
      parse(document);
      return repository.save(null, document, "system", "loaded from " + seedFile.getFileName(), clock.instant())
          .mapEmpty();
    }).compose(v -> reload());
  }

  private Future<Void> reload() {
    return repository.latest().map(latest -> {
      CaseConfigRepository.Version version = latest.orElseThrow();
      current.set(new Loaded(version.id(), version.document(), parse(version.document())));
      LOG.info("Cases configuration version {} in force: {} categories, {} escalation policies", version.id(),
          config().categories().categories().size(), config().policies().policies().size());
      return null;
    });
  }

  /**
   * Saves a changed document if it is valid and nobody saved another version since {@code basedOn};
   * completes with the new version or empty on such a conflict, and tells every node.
   *
   * Fails with an {@link InputException} naming what is wrong with the document.
   */
  Future<Optional<Loaded>> save(Vertx vertx, long basedOn, JsonObject document, String by, String note) {
    CasesConfig parsed;
    try {
      parsed = parse(document);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(new InputException("body", "invalid_configuration", e.getMessage()));
    }
    return repository.save(basedOn, document, by, note, clock.instant()).map(saved -> saved.map(version -> {
      Loaded loaded = new Loaded(version.id(), version.document(), parsed);
      current.set(loaded);
      vertx.eventBus().publish(Addresses.CASES_CONFIG_CHANGED, version.id());
      return loaded;
    }));
  }

  /** The document as plain maps and lists all the way down, as the domain reads configuration. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> plain(JsonObject document) {
    try {
      return JSON.readValue(document.encode(), Map.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> readYaml(Path file) {
    try {
      return new ObjectMapper(new YAMLFactory()).readValue(file.toFile(), Map.class);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the cases configuration " + file.toAbsolutePath(), e);
    }
  }
}
