package io.flowdesk.app.cmdb;

import io.flowdesk.domain.cmdb.CmdbImport;
import io.flowdesk.domain.cmdb.ImportRun;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * The CMDB import run reports ({@code cmdb-nightly-import} and every other {@link CmdbImport}):
 * {@code /cmdb/imports} lists the latest runs with their counts, {@code /cmdb/imports/{id}} one run
 * with its rejected rows and why. For CMDB readers (agents, managers, admins; 403 for others).
 */
@Controller
class ImportRunsController {

  static final int LISTED = 100;

  private final CmdbImport imports;
  private final CmdbAccess access;

  ImportRunsController(final CmdbImport imports, final CmdbAccess access) {
    this.imports = imports;
    this.access = access;
  }

  @GetMapping("/cmdb/imports")
  String runs(final Model model) {
    access.reader();
    model.addAttribute("runs", imports.recent(null, LISTED));
    return "cmdb/imports";
  }

  @GetMapping("/cmdb/imports/{id:[0-9]{1,18}}")
  String run(@PathVariable final long id, final Model model) {
    access.reader();
    final ImportRun run =
        imports
            .run(id)
            .orElseThrow(
                () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No import run " + id));
    model.addAttribute("run", run);
    return "cmdb/import";
  }
}
