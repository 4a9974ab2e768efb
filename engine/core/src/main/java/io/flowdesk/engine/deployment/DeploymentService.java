package io.flowdesk.engine.deployment;

import io.flowdesk.engine.deployment.bpmn.BpmnParseResult;
import io.flowdesk.engine.deployment.bpmn.BpmnTransformer;
import io.flowdesk.engine.dmn.DecisionInfo;
import io.flowdesk.engine.dmn.DmnDecisions;
import io.flowdesk.engine.dmn.DmnParseResult;
import io.flowdesk.engine.dmn.ParsedDrg;
import io.flowdesk.engine.event.StartEventSubscriptions;
import io.flowdesk.engine.model.ExecutableProcess;
import io.flowdesk.engine.state.PendingRecord;
import io.flowdesk.engine.state.RecordLog;
import io.flowdesk.engine.support.EngineClock;
import io.flowdesk.engine.support.Json;
import io.flowdesk.engine.support.Keys;
import io.flowdesk.engine.support.Rejection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deploys BPMN, DMN and form resources atomically: every resource is checked first, and either all
 * are stored or none. A resource identical to the latest version of its id is not deployed again;
 * the existing version is answered, as Zeebe does.
 */
public final class DeploymentService {

  private static final String REJECTION_PREFIX =
      "Expected to deploy new resources, but encountered the following errors:";
  // Serialises deployments so that two of the same process id never get the same version.
  private static final long DEPLOYMENT_LOCK = 0x466c6f776465736bL;

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;
  private final TransactionTemplate transactions;
  private final Keys keys;
  private final EngineClock clock;
  private final BpmnTransformer bpmn;
  private final DmnDecisions dmn;
  private final StartEventSubscriptions startEvents;

  public DeploymentService(
      final JdbcClient jdbc,
      final JdbcTemplate batch,
      final TransactionTemplate transactions,
      final Keys keys,
      final EngineClock clock,
      final BpmnTransformer bpmn,
      final DmnDecisions dmn,
      final StartEventSubscriptions startEvents) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.transactions = transactions;
    this.keys = keys;
    this.clock = clock;
    this.bpmn = bpmn;
    this.dmn = dmn;
    this.startEvents = startEvents;
  }

  private record ParsedProcess(ExecutableProcess process, DeploymentResource resource) {}

  private record ParsedForm(String formId, DeploymentResource resource) {}

  private record ParsedDecisions(ParsedDrg drg, DeploymentResource resource) {}

  public DeployedResources deploy(final List<DeploymentResource> resources) {
    if (resources.isEmpty()) {
      throw Rejection.invalidArgument("Expected to deploy at least one resource, but none given");
    }
    final List<String> errors = new ArrayList<>();
    final List<ParsedProcess> processes = new ArrayList<>();
    final List<ParsedDecisions> drgs = new ArrayList<>();
    final List<ParsedForm> forms = new ArrayList<>();
    for (final DeploymentResource resource : resources) {
      parse(resource, processes, drgs, forms, errors);
    }
    checkUniqueIds(processes, drgs, forms, errors);
    if (!errors.isEmpty()) {
      throw Rejection.invalidArgument(REJECTION_PREFIX + "\n" + String.join("\n", errors));
    }
    return transactions.execute(tx -> store(processes, drgs, forms));
  }

  private void parse(
      final DeploymentResource resource,
      final List<ParsedProcess> processes,
      final List<ParsedDecisions> drgs,
      final List<ParsedForm> forms,
      final List<String> errors) {
    final String name = resource.name().toLowerCase(Locale.ROOT);
    if (name.endsWith(".bpmn") || name.endsWith(".xml")) {
      final BpmnParseResult result = bpmn.transform(resource.name(), resource.content());
      if (result instanceof BpmnParseResult.Valid valid) {
        valid.processes().forEach(p -> processes.add(new ParsedProcess(p, resource)));
      } else {
        errors.add(((BpmnParseResult.Invalid) result).message());
      }
    } else if (name.endsWith(".dmn")) {
      final DmnParseResult result = dmn.parse(resource.name(), resource.content());
      if (result instanceof DmnParseResult.Valid valid) {
        drgs.add(new ParsedDecisions(valid.drg(), resource));
      } else {
        errors.add(((DmnParseResult.Invalid) result).message());
      }
    } else if (name.endsWith(".form")) {
      parseForm(resource)
          .ifPresentOrElse(
              formId -> forms.add(new ParsedForm(formId, resource)),
              () ->
                  errors.add(
                      "'"
                          + resource.name()
                          + "': Expected the form to be a JSON object with a non-empty 'id'"));
    } else {
      errors.add(
          "'"
              + resource.name()
              + "': Resource type is not supported. Supported resource types are: .bpmn, .xml,"
              + " .dmn, .form");
    }
  }

  private static Optional<String> parseForm(final DeploymentResource resource) {
    try {
      final Map<String, Object> form =
          Json.readDocument(new String(resource.content(), StandardCharsets.UTF_8), "form");
      return Optional.ofNullable(form.get("id"))
          .filter(String.class::isInstance)
          .map(String.class::cast)
          .filter(id -> !id.isBlank());
    } catch (Rejection e) {
      return Optional.empty();
    }
  }

  private static void checkUniqueIds(
      final List<ParsedProcess> processes,
      final List<ParsedDecisions> drgs,
      final List<ParsedForm> forms,
      final List<String> errors) {
    final Set<String> processIds = new HashSet<>();
    for (final ParsedProcess p : processes) {
      if (!processIds.add(p.process().bpmnProcessId())) {
        errors.add(
            "Duplicated process id in resources '"
                + p.resource().name()
                + "': process id '"
                + p.process().bpmnProcessId()
                + "' is deployed more than once");
      }
    }
    final Set<String> decisionIds = new HashSet<>();
    for (final ParsedDecisions d : drgs) {
      for (final DecisionInfo decision : d.drg().decisions()) {
        if (!decisionIds.add(decision.id())) {
          errors.add(
              "Duplicated decision id '"
                  + decision.id()
                  + "' in resource '"
                  + d.resource().name()
                  + "'");
        }
      }
    }
    final Set<String> formIds = new HashSet<>();
    for (final ParsedForm f : forms) {
      if (!formIds.add(f.formId())) {
        errors.add(
            "Duplicated form id '" + f.formId() + "' in resource '" + f.resource().name() + "'");
      }
    }
  }

  private DeployedResources store(
      final List<ParsedProcess> processes,
      final List<ParsedDecisions> drgs,
      final List<ParsedForm> forms) {
    jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(DEPLOYMENT_LOCK).query().singleRow();
    final Timestamp now = Timestamp.from(clock.now());
    final long deploymentKey = keys.next();
    jdbc.sql("INSERT INTO engine.deployment (key, created_at) VALUES (?, ?)")
        .params(deploymentKey, now)
        .update();
    final List<PendingRecord> records = new ArrayList<>();
    final List<DeployedResources.Process> deployedProcesses = new ArrayList<>();
    for (final ParsedProcess parsed : processes) {
      deployedProcesses.add(storeProcess(parsed, deploymentKey, records));
    }
    final List<DeployedResources.DecisionRequirements> deployedDrgs = new ArrayList<>();
    final List<DeployedResources.Decision> deployedDecisions = new ArrayList<>();
    for (final ParsedDecisions parsed : drgs) {
      storeDecisions(parsed, deploymentKey, deployedDrgs, deployedDecisions, records);
    }
    final List<DeployedResources.Form> deployedForms = new ArrayList<>();
    for (final ParsedForm parsed : forms) {
      deployedForms.add(storeForm(parsed, deploymentKey, records));
    }
    final Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("resources", processes.size() + drgs.size() + forms.size());
    records.add(0, new PendingRecord(deploymentKey, "DEPLOYMENT", "CREATED", null, null, payload));
    RecordLog.append(batch, records, now);
    return new DeployedResources(
        deploymentKey, deployedProcesses, deployedDrgs, deployedDecisions, deployedForms);
  }

  private record Latest(long key, int version, byte[] checksum) {}

  private Optional<Latest> latest(final String table, final String idColumn, final String id) {
    return jdbc.sql(
            "SELECT key, version, checksum FROM engine."
                + table
                + " WHERE "
                + idColumn
                + " = ? AND NOT deleted ORDER BY version DESC LIMIT 1")
        .param(id)
        .query((rs, n) -> new Latest(rs.getLong(1), rs.getInt(2), rs.getBytes(3)))
        .optional();
  }

  private int nextVersion(final String table, final String idColumn, final String id) {
    // Deleted versions keep their numbers: a new version never reuses one.
    return jdbc.sql(
                "SELECT coalesce(max(version), 0) FROM engine."
                    + table
                    + " WHERE "
                    + idColumn
                    + " = ?")
            .param(id)
            .query(Integer.class)
            .single()
        + 1;
  }

  private DeployedResources.Process storeProcess(
      final ParsedProcess parsed, final long deploymentKey, final List<PendingRecord> records) {
    final String id = parsed.process().bpmnProcessId();
    final byte[] checksum = checksum(parsed.resource().content());
    final Optional<Latest> latest = latest("process_definition", "bpmn_process_id", id);
    if (latest.isPresent() && MessageDigest.isEqual(latest.get().checksum(), checksum)) {
      return new DeployedResources.Process(
          id, latest.get().version(), latest.get().key(), parsed.resource().name());
    }
    final int version = nextVersion("process_definition", "bpmn_process_id", id);
    final long key = keys.next();
    jdbc.sql(
            "INSERT INTO engine.process_definition (key, bpmn_process_id, version, resource_name,"
                + " checksum, deployment_key, resource) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .params(
            key,
            id,
            version,
            parsed.resource().name(),
            checksum,
            deploymentKey,
            parsed.resource().content())
        .update();
    startEvents.open(key, parsed.process());
    records.add(
        new PendingRecord(
            key,
            "PROCESS",
            "CREATED",
            null,
            null,
            Map.of(
                "bpmnProcessId",
                id,
                "version",
                version,
                "resourceName",
                parsed.resource().name())));
    return new DeployedResources.Process(id, version, key, parsed.resource().name());
  }

  private void storeDecisions(
      final ParsedDecisions parsed,
      final long deploymentKey,
      final List<DeployedResources.DecisionRequirements> deployedDrgs,
      final List<DeployedResources.Decision> deployedDecisions,
      final List<PendingRecord> records) {
    final ParsedDrg drg = parsed.drg();
    final byte[] checksum = checksum(parsed.resource().content());
    final Optional<Latest> latest =
        latest("decision_requirements", "decision_requirements_id", drg.id());
    if (latest.isPresent() && MessageDigest.isEqual(latest.get().checksum(), checksum)) {
      deployedDrgs.add(
          new DeployedResources.DecisionRequirements(
              drg.id(),
              drg.name(),
              latest.get().version(),
              latest.get().key(),
              parsed.resource().name()));
      jdbc.sql(
              "SELECT decision_id, name, version, key FROM engine.decision"
                  + " WHERE decision_requirements_key = ? ORDER BY key")
          .param(latest.get().key())
          .query(
              (rs, n) ->
                  new DeployedResources.Decision(
                      rs.getString(1),
                      rs.getString(2),
                      rs.getInt(3),
                      rs.getLong(4),
                      drg.id(),
                      latest.get().key()))
          .list()
          .forEach(deployedDecisions::add);
      return;
    }
    final int version = nextVersion("decision_requirements", "decision_requirements_id", drg.id());
    final long drgKey = keys.next();
    jdbc.sql(
            "INSERT INTO engine.decision_requirements (key, decision_requirements_id, name, version,"
                + " resource_name, checksum, deployment_key, resource) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            drgKey,
            drg.id(),
            drg.name(),
            version,
            parsed.resource().name(),
            checksum,
            deploymentKey,
            parsed.resource().content())
        .update();
    deployedDrgs.add(
        new DeployedResources.DecisionRequirements(
            drg.id(), drg.name(), version, drgKey, parsed.resource().name()));
    records.add(
        new PendingRecord(
            drgKey,
            "DECISION_REQUIREMENTS",
            "CREATED",
            null,
            null,
            Map.of("decisionRequirementsId", drg.id(), "version", version)));
    for (final DecisionInfo decision : drg.decisions()) {
      final int decisionVersion = nextVersion("decision", "decision_id", decision.id());
      final long decisionKey = keys.next();
      jdbc.sql(
              "INSERT INTO engine.decision (key, decision_id, name, version,"
                  + " decision_requirements_key) VALUES (?, ?, ?, ?, ?)")
          .params(decisionKey, decision.id(), decision.name(), decisionVersion, drgKey)
          .update();
      deployedDecisions.add(
          new DeployedResources.Decision(
              decision.id(), decision.name(), decisionVersion, decisionKey, drg.id(), drgKey));
      records.add(
          new PendingRecord(
              decisionKey,
              "DECISION",
              "CREATED",
              null,
              null,
              Map.of("decisionId", decision.id(), "version", decisionVersion)));
    }
  }

  private DeployedResources.Form storeForm(
      final ParsedForm parsed, final long deploymentKey, final List<PendingRecord> records) {
    final byte[] checksum = checksum(parsed.resource().content());
    final Optional<Latest> latest = latest("form", "form_id", parsed.formId());
    if (latest.isPresent() && MessageDigest.isEqual(latest.get().checksum(), checksum)) {
      return new DeployedResources.Form(
          parsed.formId(), latest.get().version(), latest.get().key(), parsed.resource().name());
    }
    final int version = nextVersion("form", "form_id", parsed.formId());
    final long key = keys.next();
    jdbc.sql(
            "INSERT INTO engine.form (key, form_id, version, resource_name, checksum,"
                + " deployment_key, resource) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .params(
            key,
            parsed.formId(),
            version,
            parsed.resource().name(),
            checksum,
            deploymentKey,
            parsed.resource().content())
        .update();
    records.add(
        new PendingRecord(
            key,
            "FORM",
            "CREATED",
            null,
            null,
            Map.of("formId", parsed.formId(), "version", version)));
    return new DeployedResources.Form(parsed.formId(), version, key, parsed.resource().name());
  }

  private static byte[] checksum(final byte[] content) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(content);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }
}
