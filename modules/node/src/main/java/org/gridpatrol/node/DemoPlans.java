package org.gridpatrol.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.gridpatrol.domain.access.AreaScope;
import org.gridpatrol.patrol.PlanJson;
import org.gridpatrol.patrol.PlanService;
import org.gridpatrol.store.PlanRepository;
import org.gridpatrol.web.InputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo city's patrol plans: every {@code *.yaml} of the plans directory (the shape POST /api/v1/plans
 * takes), saved through the same checks as the API when the database has no plan yet.
 */
final class DemoPlans {
  private static final Logger LOG = LoggerFactory.getLogger(DemoPlans.class);

  private DemoPlans() {}

  static Future<Integer> loadIfNone(PlanRepository plans, PlanService planService, Clock clock, Path dir) {
    return plans.list(true).compose(existing -> {
      if (!existing.isEmpty()) {
        return Future.succeededFuture(0);
      }
      Future<Integer> saved = Future.succeededFuture(0);
      for (Path file : files(dir)) {
        PlanJson plan;
        try {
          plan = planService.decode(read(file), clock.instant());
        } catch (InputException e) {
          throw new IllegalStateException("Demo plan " + file + ": " + e.error().field() + ": " + e.getMessage(), e);
        }
        saved = saved.compose(count -> planService.create(plan, AreaScope.city()).map(created -> {
          LOG.info("Loaded demo plan {} '{}' over {} cells from {}", created.id(), plan.name(), created.cells(),
              file.getFileName());
          return count + 1;
        }));
      }
      return saved;
    });
  }

  private static List<Path> files(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the demo plans in " + dir.toAbsolutePath(), e);
    }
  }

  @SuppressWarnings("unchecked")
  private static JsonObject read(Path file) {
    try {
      // Through JSON text, so dates and times stay the strings the API takes.
      ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
      return new JsonObject(new ObjectMapper().writeValueAsString(yaml.readValue(file.toFile(), Map.class)));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the demo plan " + file, e);
    }
  }
}
