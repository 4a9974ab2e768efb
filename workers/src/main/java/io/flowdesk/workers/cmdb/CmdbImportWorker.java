package io.flowdesk.workers.cmdb;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.flowdesk.connectors.etl.EtlException;
import io.flowdesk.connectors.etl.extract.RowSource;
import io.flowdesk.connectors.etl.extract.SourceRow;
import io.flowdesk.domain.cmdb.CiImport;
import io.flowdesk.domain.cmdb.CiImportRow;
import io.flowdesk.domain.cmdb.CmdbImport;
import io.flowdesk.domain.cmdb.ImportReject;
import io.flowdesk.domain.cmdb.ImportRun;
import io.flowdesk.domain.cmdb.InvalidCiException;
import io.flowdesk.domain.cmdb.RelationshipImportRow;
import io.flowdesk.workers.BpmnErrorException;
import io.flowdesk.workers.InvalidJobInputException;
import io.flowdesk.workers.JobInputs;
import io.flowdesk.workers.JobOutcomes;
import io.flowdesk.workers.etl.EtlSources;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Task type {@code flowdesk:cmdb-import} (template {@code io.flowdesk.connectors.cmdb-import.v1}):
 * reads CIs, and optionally relationships, with the ETL connector's extract and hands them to the
 * domain's {@link CmdbImport}, which reconciles them with the CMDB and stores the run report.
 *
 * <p>Inputs: {@code source} (the import source's name, e.g. {@code discovery}), {@code cis} and
 * optional {@code relationships} (locations: {@code file:}/{@code http(s):} URLs, or {@code
 * schema.table} for format {@code table}), {@code format} ({@code csv} default, {@code json},
 * {@code table}), {@code delimiter} (CSV, default comma), {@code recordsAt} (JSON pointer to the
 * records), {@code mapping} (field to column, see {@link ImportMapping}), {@code retireMissing}
 * ({@code true} retires the CIs this source no longer reports). Header {@code resultVariable}:
 * receives the report's summary. Rejected rows do not fail the job (they are in the report); an
 * unreadable source ends in BPMN error {@code FLOWDESK_CMDB_IMPORT_FAILED} having changed nothing.
 * A task that names no {@code cis} location has no source configured yet (the packaged nightly
 * process until someone points it at an export): it reads nothing, records a {@code SKIPPED} run,
 * logs one line and completes with {@code skipped = true}, so nobody is mailed a failure every
 * night.
 */
public class CmdbImportWorker {

  private static final Logger LOG = LoggerFactory.getLogger(CmdbImportWorker.class);

  public static final String TYPE = "flowdesk:cmdb-import";
  public static final String FAILED = "FLOWDESK_CMDB_IMPORT_FAILED";
  public static final List<String> INPUTS =
      List.of(
          "source",
          "cis",
          "relationships",
          "format",
          "delimiter",
          "recordsAt",
          "mapping",
          "retireMissing");

  static final String NO_SOURCE = "no source configured";

  /** Rejected rows listed in the result variable; the stored report has them all. */
  static final int REJECTS_IN_RESULT = 20;

  private final CmdbImport imports;
  private final EtlSources sources;
  private final JobOutcomes outcomes;

  /**
   * @param etlDatabase the database format {@code table} reads, in {@code allowedSchemas} only
   */
  public CmdbImportWorker(
      final CmdbImport imports,
      final DataSource etlDatabase,
      final Set<String> allowedSchemas,
      final Duration retryBackoff) {
    this.imports = imports;
    this.sources =
        new EtlSources(
            etlDatabase,
            allowedSchemas,
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build());
    this.outcomes = new JobOutcomes("cmdb_import", retryBackoff);
  }

  @JobWorker(type = TYPE, autoComplete = false, fetchAllVariables = true)
  public void handle(final JobClient client, final ActivatedJob job) {
    outcomes.handle(client, job, this::load);
  }

  /** Runs the job's import and answers the report's summary. */
  public Map<String, Object> load(final JobInputs inputs) {
    final String source = inputs.text("source");
    if (inputs.optionalText("cis").isEmpty()) {
      final ImportRun skipped;
      try {
        skipped = imports.skip(source, retireMissing(inputs), NO_SOURCE);
      } catch (InvalidCiException e) {
        throw new InvalidJobInputException("input '" + e.field() + "': " + e.reason());
      }
      LOG.info(
          "CMDB import of source '{}' skipped: no source configured (the task names no 'cis'"
              + " location; set it with the \"Flowdesk: CMDB import\" template), run {}",
          source,
          skipped.id());
      return inputs.resultAs(summary(skipped));
    }
    final ImportMapping mapping = new ImportMapping(inputs.object("mapping"));
    final List<ImportReject> unreadable = new ArrayList<>();
    final List<CiImportRow> cis =
        read(inputs, "cis", ImportReject.Kind.CI, mapping::ci, unreadable);
    final List<RelationshipImportRow> relationships =
        inputs.optionalText("relationships").isPresent()
            ? read(
                inputs,
                "relationships",
                ImportReject.Kind.RELATIONSHIP,
                mapping::relationship,
                unreadable)
            : List.of();
    final ImportRun run;
    try {
      run =
          imports.importCis(
              new CiImport(source, retireMissing(inputs), cis, relationships, unreadable));
    } catch (InvalidCiException e) {
      throw new InvalidJobInputException("input '" + e.field() + "': " + e.reason());
    }
    return inputs.resultAs(summary(run));
  }

  private <T> List<T> read(
      final JobInputs inputs,
      final String input,
      final ImportReject.Kind kind,
      final Function<SourceRow, T> toRow,
      final List<ImportReject> unreadable) {
    final List<T> rows = new ArrayList<>();
    try (RowSource extract = sources.open(inputs, input)) {
      while (extract.hasNext()) {
        final SourceRow row = extract.next();
        if (row.defect().isPresent()) {
          unreadable.add(new ImportReject(kind, row.line(), row.defect().get()));
        } else {
          rows.add(toRow.apply(row));
        }
      }
    } catch (EtlException e) {
      throw new BpmnErrorException(FAILED, input + ": " + e.getMessage());
    }
    return rows;
  }

  private static boolean retireMissing(final JobInputs inputs) {
    final String value = inputs.optionalText("retireMissing").orElse("false");
    if (!value.equals("true") && !value.equals("false")) {
      throw new InvalidJobInputException(
          "input 'retireMissing' must be true or false, was '" + value + "'");
    }
    return Boolean.parseBoolean(value);
  }

  private static Map<String, Object> summary(final ImportRun run) {
    final Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("runId", run.id());
    summary.put("source", run.source());
    summary.put("skipped", run.status() == ImportRun.Status.SKIPPED);
    summary.put("inserted", run.inserted());
    summary.put("updated", run.updated());
    summary.put("unchanged", run.unchanged());
    summary.put("retired", run.retired());
    summary.put("retireSkipped", run.retireSkipped());
    summary.put("relationshipsAdded", run.relationshipsAdded());
    summary.put("relationshipsUnchanged", run.relationshipsUnchanged());
    summary.put("relationshipsRemoved", run.relationshipsRemoved());
    summary.put("rejected", run.rejected());
    summary.put(
        "rejects",
        run.rejects().stream()
            .limit(REJECTS_IN_RESULT)
            .map(r -> r.kind() + " row " + r.row() + ": " + r.reason())
            .toList());
    summary.put("durationMillis", Duration.between(run.startedAt(), run.finishedAt()).toMillis());
    return summary;
  }
}
