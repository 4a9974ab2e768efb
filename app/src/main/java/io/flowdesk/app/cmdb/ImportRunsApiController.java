package io.flowdesk.app.cmdb;

import io.flowdesk.domain.cmdb.CmdbImport;
import io.flowdesk.domain.cmdb.ImportRun;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The CMDB import run reports as JSON, for the same readers as the pages ({@link CmdbAccess}). */
@RestController
@Tag(name = "CMDB", description = "Configuration items, their relationships and impact analysis")
class ImportRunsApiController {

  private final CmdbImport imports;
  private final CmdbAccess access;

  ImportRunsApiController(final CmdbImport imports, final CmdbAccess access) {
    this.imports = imports;
    this.access = access;
  }

  @GetMapping("/api/cmdb/imports")
  @Operation(
      summary = "The latest CMDB import runs, newest first",
      description =
          "source: only this source's runs; limit 1..500 (default 100). Counts only: the"
              + " rejected rows are on each run's own resource.")
  List<ImportRun> runs(
      @RequestParam(required = false) final String source,
      @RequestParam(defaultValue = "" + ImportRunsController.LISTED) final int limit) {
    access.reader();
    return imports.recent(source == null || source.isBlank() ? null : source.strip(), limit);
  }

  @GetMapping("/api/cmdb/imports/{id}")
  @Operation(
      summary = "One CMDB import run with its rejected rows (row number and reason)",
      description = "404 problem document for an unknown run.")
  ImportRun run(@PathVariable final long id) {
    access.reader();
    return imports.run(id).orElseThrow(() -> new ImportRunNotFoundException(id));
  }
}
