package io.flowdesk.workers.etl;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.flowdesk.connectors.etl.EtlException;
import io.flowdesk.connectors.etl.EtlPipeline;
import io.flowdesk.connectors.etl.RunStatistics;
import io.flowdesk.connectors.etl.extract.RowSource;
import io.flowdesk.connectors.etl.load.PostgresTarget;
import io.flowdesk.connectors.etl.reject.RejectSink;
import io.flowdesk.connectors.etl.reject.RejectThreshold;
import io.flowdesk.workers.BpmnErrorException;
import io.flowdesk.workers.InvalidJobInputException;
import io.flowdesk.workers.JobInputs;
import io.flowdesk.workers.JobOutcomes;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Task type {@code flowdesk:etl} (template {@code io.flowdesk.connectors.etl.v1}): loads a source
 * into a PostgreSQL table of the configured ETL database, all or nothing.
 *
 * <p>Inputs: {@code sourceUrl} and {@code format} as {@link EtlSources} reads them (a CSV file or
 * download, a JSON API with {@code recordsAt}, or {@code schema.table} of the ETL database), {@code
 * targetTable} ({@code schema.table}; the schema must be one of the allowed ones, so a process
 * cannot write into Flowdesk's own tables), {@code keyColumns} (upsert on these; empty appends),
 * {@code maxRejects} (bad rows tolerated and skipped, default 0). Header {@code resultVariable}:
 * receives the run statistics. A failed run (missing file, a bad row over the limit, database
 * error) changes nothing and ends in BPMN error {@code FLOWDESK_ETL_FAILED} with the reason, for an
 * error boundary that tells someone. A task without {@code sourceUrl} has no source configured yet
 * (the packaged nightly import until someone points it at an export): it reads and writes nothing,
 * logs one line and completes with {@code skipped = true} instead of failing every night. A source
 * on a server where no schema is allowed ({@code flowdesk.connectors.etl.allowed-schemas} unset) is
 * an invalid input naming that setting: the job becomes a visible engine incident rather than
 * waiting for a worker that never comes.
 */
public class EtlWorker {

  private static final Logger LOG = LoggerFactory.getLogger(EtlWorker.class);

  public static final String TYPE = "flowdesk:etl";
  public static final String FAILED = "FLOWDESK_ETL_FAILED";
  public static final List<String> INPUTS =
      List.of(
          "sourceUrl",
          "format",
          "delimiter",
          "recordsAt",
          "targetTable",
          "keyColumns",
          "maxRejects");

  /** The setting that lets the worker write, named when it is missing. */
  static final String SETTING =
      "flowdesk.connectors.etl.allowed-schemas (FLOWDESK_CONNECTORS_ETL_ALLOWED_SCHEMAS)";

  private final DataSource target;
  private final Set<String> allowedSchemas;
  private final EtlSources sources;
  private final JobOutcomes outcomes;

  public EtlWorker(
      final DataSource target, final Set<String> allowedSchemas, final Duration retryBackoff) {
    this.target = target;
    this.allowedSchemas = Set.copyOf(allowedSchemas);
    this.sources =
        new EtlSources(
            target,
            allowedSchemas,
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build());
    this.outcomes = new JobOutcomes("etl", retryBackoff);
  }

  @JobWorker(type = TYPE, autoComplete = false, fetchAllVariables = true)
  public void handle(final JobClient client, final ActivatedJob job) {
    outcomes.handle(client, job, this::load);
  }

  /** Runs the job's load and answers its statistics. */
  public Map<String, Object> load(final JobInputs inputs) {
    final Optional<String> location = inputs.optionalText("sourceUrl");
    if (location.isEmpty()) {
      LOG.info(
          "ETL load into {} skipped: no source configured (the task names no 'sourceUrl'; set it"
              + " with the \"Flowdesk: ETL import\" template)",
          inputs.optionalText("targetTable").orElse("(no table)"));
      final Map<String, Object> skipped = new LinkedHashMap<>();
      skipped.put("skipped", true);
      skipped.put("reason", "no source configured");
      return inputs.resultAs(skipped);
    }
    if (allowedSchemas.isEmpty()) {
      throw new InvalidJobInputException(
          "ETL may write to no schema on this server: set "
              + SETTING
              + " to the schemas it may use");
    }
    final PostgresTarget table = table(inputs.text("targetTable"), inputs.textList("keyColumns"));
    final long maxRejects = Long.parseLong(inputs.optionalText("maxRejects").orElse("0"));
    final RunStatistics statistics;
    try (RowSource source = sources.open(inputs, "sourceUrl")) {
      statistics =
          EtlPipeline.into(table)
              .rejecting(
                  RejectSink.discard(),
                  maxRejects == 0 ? RejectThreshold.none() : RejectThreshold.atMost(maxRejects))
              .run(source, target);
    } catch (EtlException e) {
      throw new BpmnErrorException(FAILED, e.getMessage());
    }
    final Map<String, Object> result = new LinkedHashMap<>();
    result.put("skipped", false);
    result.put("rowsRead", statistics.rowsRead());
    result.put("rowsInserted", statistics.rowsInserted());
    result.put("rowsUpdated", statistics.rowsUpdated());
    result.put("rowsRejected", statistics.rowsRejected());
    result.put("durationMillis", statistics.duration().toMillis());
    return inputs.resultAs(result);
  }

  private PostgresTarget table(final String qualified, final List<String> keys) {
    final String[] parts = qualified.split("\\.");
    if (parts.length != 2) {
      throw new InvalidJobInputException(
          "input 'targetTable' must be schema.table, was '" + qualified + "'");
    }
    if (!allowedSchemas.contains(parts[0])) {
      throw new InvalidJobInputException(
          "input 'targetTable': schema '"
              + parts[0]
              + "' is not one ETL may write to "
              + allowedSchemas);
    }
    final PostgresTarget table = PostgresTarget.table(parts[0], parts[1]);
    return keys.isEmpty() ? table : table.upsertOn(keys.toArray(String[]::new));
  }
}
