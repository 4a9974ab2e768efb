package io.flowdesk.app.system;

import io.flowdesk.app.database.DatabaseInUse;
import io.flowdesk.app.security.Roles;
import io.flowdesk.domain.directory.Role;
import java.time.temporal.ChronoUnit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The first page a newcomer sees: what is running and, for admins only, where it keeps its state
 * (database address and port, data directory, engine addresses), which is nobody else's business.
 */
@Controller
class LandingController {

  private static final String VIEW = "index";

  private final FlowdeskVersion version;
  private final ObjectProvider<DatabaseInUse> database;
  private final EngineAddress engine;
  private final ServerStarts starts;

  LandingController(
      final FlowdeskVersion version,
      final ObjectProvider<DatabaseInUse> database,
      final EngineAddress engine,
      final ServerStarts starts) {
    this.version = version;
    this.database = database;
    this.engine = engine;
    this.starts = starts;
  }

  @GetMapping("/")
  String landing(final Authentication signedIn, final Model model) {
    model.addAttribute("version", version.value());
    if (!Roles.of(signedIn).contains(Role.ADMIN)) {
      return VIEW;
    }
    model.addAttribute(
        "database",
        database.stream().findFirst().map(DatabaseInUse::describe).orElse("spring.datasource.url"));
    model.addAttribute("engine", engine.describe());
    model.addAttribute("installed", describe(starts.summary()));
    return VIEW;
  }

  private static String describe(final ServerStarts.Summary summary) {
    if (summary.firstStart() == null) {
      return "starting for the first time";
    }
    return "first started "
        + summary.firstStart().truncatedTo(ChronoUnit.SECONDS)
        + ", started "
        + summary.starts()
        + (summary.starts() == 1 ? " time" : " times");
  }
}
