package io.flowdesk.engine.deployment;

import io.flowdesk.engine.access.ApiClient;
import io.flowdesk.engine.deployment.bpmn.BpmnParseResult;
import io.flowdesk.engine.deployment.bpmn.BpmnTransformer;
import io.flowdesk.engine.dmn.DecisionInfo;
import io.flowdesk.engine.dmn.DmnDecisions;
import io.flowdesk.engine.dmn.DmnParseResult;
import io.flowdesk.engine.dmn.ParsedDrg;
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
 * the existing version is answered, as Zeebe does. The deployment keeps who asked for it and tells
 * the {@link DeploymentListener}s before it commits.
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
  private final StartEvents startEvents;
  private final List<DeploymentListener> listeners;

  public DeploymentService(
      final JdbcClient jdbc,
      final JdbcTemplate batch,
      final TransactionTemplate transactions,
      final Keys keys,
      final EngineClock clock,
      final BpmnTransformer bpmn,
      final DmnDecisions dmn,
      final StartEvents startEvents,
      final List<DeploymentListener> listeners) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.transactions = transactions;
    this.keys = keys;
    this.clock = clock;
    this.bpmn = bpmn;
    this.dmn = dmn;
    this.startEvents = startEvents;
    this.listeners = List.copyOf(listeners);
  }

  private record ParsedProcess(ExecutableProcess process, DeploymentResource resource) {}

  private record ParsedForm(String formId, String versionTag, DeploymentResource resource) {}

  /** The form fields deployment reads: its id and optional version tag. */
  private record FormHeader(String formId, String versionTag) {}

  private record ParsedDecisions(ParsedDrg drg, DeploymentResource resource) {}

  /** What {@link #store} wrote, or answered again when nothing changed. */
  private record Stored(DeployedResources resources, boolean duplicate) {}

  /** Deploys {@code resources} for {@code caller}, the client that asked. */
  public DeployedResources deploy(
      final List<DeploymentResource> resources, final ApiClient caller) {
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
    DeploymentBindings.check(
        processes.stream().map(ParsedProcess::process).toList(),
        drgs.stream().flatMap(d -> d.drg().decisions().stream()).map(DecisionInfo::id).toList(),
        forms.stream().map(ParsedForm::formId).toList(),
        errors);
    if (!errors.isEmpty()) {
      throw Rejection.invalidArgument(REJECTION_PREFIX + "\n" + String.join("\n", errors));
    }
    return transactions.execute(
        tx -> {
          final Stored stored = store(processes, drgs, forms, caller);
          final DeploymentListener.Deployed deployment =
              DeploymentListener.Deployed.of(stored.resources(), stored.duplicate(), caller);
          listeners.forEach(listener -> listener.deployed(deployment));
          return stored.resources();
        });
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
              form -> forms.add(new ParsedForm(form.formId(), form.versionTag(), resource)),
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

  private static Optional<FormHeader> parseForm(final DeploymentResource resource) {
    try {
      final Map<String, Object> form =
          Json.readDocument(new String(resource.content(), StandardCharsets.UTF_8), "form");
      final Object versionTag = form.get("versionTag");
      return Optional.ofNullable(form.get("id"))
          .filter(String.class::isInstance)
          .map(String.class::cast)
          .filter(id -> !id.isBlank())
          .map(
              id ->
                  new FormHeader(
                      id, versionTag instanceof String tag && !tag.isBlank() ? tag : null));
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

  private Stored store(
      final List<ParsedProcess> processes,
      final List<ParsedDecisions> drgs,
      final List<ParsedForm> forms,
      final ApiClient caller) {
    jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(DEPLOYMENT_LOCK).query().singleRow();
    final Timestamp now = Timestamp.from(clock.now());
    final long deploymentKey = keys.next();
    jdbc.sql(
            "INSERT INTO engine.deployment (key, created_at, deployed_by, deployed_by_kind)"
                + " VALUES (?, ?, ?, ?)")
        .params(deploymentKey, now, caller.name(), caller.kind().name())
        .update();
    final List<PendingRecord> records = new ArrayList<>();
    final List<DeployedResources.ProcessDefinition> deployedProcesses = new ArrayList<>();
    final List<DeployedResources.DecisionRequirements> deployedDrgs = new ArrayList<>();
    final List<DeployedResources.Decision> deployedDecisions = new ArrayList<>();
    final List<DeployedResources.Form> deployedForms = new ArrayList<>();
    final Optional<Duplicates> duplicates = duplicates(processes, drgs, forms);
    if (duplicates.isPresent()) {
      answerExisting(duplicates.get(), drgs, deployedProcesses, deployedDrgs, deployedDecisions);
      deployedForms.addAll(duplicates.get().forms());
    } else {
      for (final ParsedProcess parsed : processes) {
        deployedProcesses.add(storeProcess(parsed, deploymentKey, records));
      }
      for (final ParsedDecisions parsed : drgs) {
        storeDecisions(parsed, deploymentKey, deployedDrgs, deployedDecisions, records);
      }
      for (final ParsedForm parsed : forms) {
        deployedForms.add(storeForm(parsed, deploymentKey, records));
      }
    }
    final Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("resources", processes.size() + drgs.size() + forms.size());
    payload.put("deployedBy", caller.name());
    records.add(0, new PendingRecord(deploymentKey, "DEPLOYMENT", "CREATED", null, null, payload));
    RecordLog.append(batch, records, now);
    return new Stored(
        new DeployedResources(
            deploymentKey, deployedProcesses, deployedDrgs, deployedDecisions, deployedForms),
        duplicates.isPresent());
  }

  private record Latest(long key, int version, byte[] checksum, long deploymentKey) {}

  /** The latest versions a fully duplicate deployment answers with. */
  private record Duplicates(
      List<DeployedResources.ProcessDefinition> processes,
      List<Latest> drgs,
      List<DeployedResources.Form> forms) {}

  /**
   * The existing versions when this deployment changes nothing: every resource is identical to the
   * latest version of its id, and all those versions came with one earlier deployment. As soon as
   * one resource is new or changed, every resource of the deployment gets a new version, so the
   * resources deployed together stay together for {@code bindingType="deployment"} (Zeebe does the
   * same since 8.6). Resources identical to versions of different deployments get new versions too,
   * so that redeploying them together repairs a deployment binding.
   */
  private Optional<Duplicates> duplicates(
      final List<ParsedProcess> processes,
      final List<ParsedDecisions> drgs,
      final List<ParsedForm> forms) {
    final Set<Long> deployments = new HashSet<>();
    final List<DeployedResources.ProcessDefinition> existingProcesses = new ArrayList<>();
    for (final ParsedProcess parsed : processes) {
      final Optional<Latest> latest =
          identicalLatest(
              "process_definition",
              "bpmn_process_id",
              parsed.process().bpmnProcessId(),
              parsed.resource());
      if (latest.isEmpty()) {
        return Optional.empty();
      }
      deployments.add(latest.get().deploymentKey());
      existingProcesses.add(
          new DeployedResources.ProcessDefinition(
              parsed.process().bpmnProcessId(),
              latest.get().version(),
              latest.get().key(),
              parsed.resource().name()));
    }
    final List<Latest> existingDrgs = new ArrayList<>();
    for (final ParsedDecisions parsed : drgs) {
      final Optional<Latest> latest =
          identicalLatest(
              "decision_requirements",
              "decision_requirements_id",
              parsed.drg().id(),
              parsed.resource());
      if (latest.isEmpty()) {
        return Optional.empty();
      }
      deployments.add(latest.get().deploymentKey());
      existingDrgs.add(latest.get());
    }
    final List<DeployedResources.Form> existingForms = new ArrayList<>();
    for (final ParsedForm parsed : forms) {
      final Optional<Latest> latest =
          identicalLatest("form", "form_id", parsed.formId(), parsed.resource());
      if (latest.isEmpty()) {
        return Optional.empty();
      }
      deployments.add(latest.get().deploymentKey());
      existingForms.add(
          new DeployedResources.Form(
              parsed.formId(),
              latest.get().version(),
              latest.get().key(),
              parsed.resource().name()));
    }
    return deployments.size() > 1
        ? Optional.empty()
        : Optional.of(new Duplicates(existingProcesses, existingDrgs, existingForms));
  }

  private Optional<Latest> identicalLatest(
      final String table, final String idColumn, final String id, final DeploymentResource r) {
    final byte[] checksum = checksum(r.content());
    return latest(table, idColumn, id)
        .filter(latest -> MessageDigest.isEqual(latest.checksum(), checksum));
  }

  private void answerExisting(
      final Duplicates duplicates,
      final List<ParsedDecisions> drgs,
      final List<DeployedResources.ProcessDefinition> deployedProcesses,
      final List<DeployedResources.DecisionRequirements> deployedDrgs,
      final List<DeployedResources.Decision> deployedDecisions) {
    deployedProcesses.addAll(duplicates.processes());
    for (int i = 0; i < drgs.size(); i++) {
      final ParsedDrg drg = drgs.get(i).drg();
      final Latest latest = duplicates.drgs().get(i);
      deployedDrgs.add(
          new DeployedResources.DecisionRequirements(
              drg.id(), drg.name(), latest.version(), latest.key(), drgs.get(i).resource().name()));
      jdbc.sql(
              "SELECT decision_id, name, version, key FROM engine.decision"
                  + " WHERE decision_requirements_key = ? ORDER BY key")
          .param(latest.key())
          .query(
              (rs, n) ->
                  new DeployedResources.Decision(
                      rs.getString(1),
                      rs.getString(2),
                      rs.getInt(3),
                      rs.getLong(4),
                      drg.id(),
                      latest.key()))
          .list()
          .forEach(deployedDecisions::add);
    }
  }

  private Optional<Latest> latest(final String table, final String idColumn, final String id) {
    return jdbc.sql(
            "SELECT key, version, checksum, deployment_key FROM engine."
                + table
                + " WHERE "
                + idColumn
                + " = ? AND NOT deleted ORDER BY version DESC LIMIT 1")
        .param(id)
        .query((rs, n) -> new Latest(rs.getLong(1), rs.getInt(2), rs.getBytes(3), rs.getLong(4)))
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

  private DeployedResources.ProcessDefinition storeProcess(
      final ParsedProcess parsed, final long deploymentKey, final List<PendingRecord> records) {
    final String id = parsed.process().bpmnProcessId();
    final String versionTag = parsed.process().versionTag();
    final int version = nextVersion("process_definition", "bpmn_process_id", id);
    final long key = keys.next();
    jdbc.sql(
            "INSERT INTO engine.process_definition (key, bpmn_process_id, version, resource_name,"
                + " checksum, deployment_key, resource, version_tag, name, has_start_form)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            key,
            id,
            version,
            parsed.resource().name(),
            checksum(parsed.resource().content()),
            deploymentKey,
            parsed.resource().content(),
            versionTag,
            parsed.process().name(),
            parsed.process().hasStartForm())
        .update();
    startEvents.open(key, parsed.process());
    final Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("bpmnProcessId", id);
    payload.put("version", version);
    payload.put("versionTag", versionTag);
    payload.put("resourceName", parsed.resource().name());
    payload.put("deploymentKey", deploymentKey);
    records.add(new PendingRecord(key, "PROCESS", "CREATED", null, null, payload));
    return new DeployedResources.ProcessDefinition(id, version, key, parsed.resource().name());
  }

  private void storeDecisions(
      final ParsedDecisions parsed,
      final long deploymentKey,
      final List<DeployedResources.DecisionRequirements> deployedDrgs,
      final List<DeployedResources.Decision> deployedDecisions,
      final List<PendingRecord> records) {
    final ParsedDrg drg = parsed.drg();
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
            checksum(parsed.resource().content()),
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
                  + " decision_requirements_key, deployment_key, version_tag)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?)")
          .params(
              decisionKey,
              decision.id(),
              decision.name(),
              decisionVersion,
              drgKey,
              deploymentKey,
              decision.versionTag())
          .update();
      deployedDecisions.add(
          new DeployedResources.Decision(
              decision.id(), decision.name(), decisionVersion, decisionKey, drg.id(), drgKey));
      final Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("decisionId", decision.id());
      payload.put("version", decisionVersion);
      payload.put("versionTag", decision.versionTag());
      payload.put("deploymentKey", deploymentKey);
      records.add(new PendingRecord(decisionKey, "DECISION", "CREATED", null, null, payload));
    }
  }

  private DeployedResources.Form storeForm(
      final ParsedForm parsed, final long deploymentKey, final List<PendingRecord> records) {
    final int version = nextVersion("form", "form_id", parsed.formId());
    final long key = keys.next();
    jdbc.sql(
            "INSERT INTO engine.form (key, form_id, version, resource_name, checksum,"
                + " deployment_key, resource, version_tag) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            key,
            parsed.formId(),
            version,
            parsed.resource().name(),
            checksum(parsed.resource().content()),
            deploymentKey,
            parsed.resource().content(),
            parsed.versionTag())
        .update();
    final Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("formId", parsed.formId());
    payload.put("version", version);
    payload.put("versionTag", parsed.versionTag());
    payload.put("deploymentKey", deploymentKey);
    records.add(new PendingRecord(key, "FORM", "CREATED", null, null, payload));
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
