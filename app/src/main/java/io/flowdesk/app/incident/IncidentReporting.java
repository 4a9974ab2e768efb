package io.flowdesk.app.incident;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.client.api.search.response.ProcessInstance;
import io.flowdesk.app.cmdb.CiChoices;
import io.flowdesk.app.record.ProcessNotStartedException;
import io.flowdesk.domain.cmdb.ConfigurationItem;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.Person;
import io.flowdesk.domain.incident.ChangeSource;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentChange;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.incident.IncidentState;
import io.flowdesk.domain.incident.Level;
import io.flowdesk.domain.incident.NewIncident;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Reports an incident: records it ({@link IncidentRecords#report}, state NEW), starts process
 * {@code incident} with the variables the process contract names, and stores the process instance
 * key on the record.
 *
 * <p>Record and process come as one: the record is committed first, so the process's workers find
 * it as soon as they run; if the process does not start, the record is canceled at once (with its
 * audit entry) and the caller gets an error, so no NEW incident waits for a process that does not
 * exist.
 */
@Service
public class IncidentReporting {

  /** The BPMN process id of the incident process ({@code processes/incident.bpmn}). */
  public static final String PROCESS_ID = "incident";

  /** Categories the process's assignment decision knows. */
  public static final Set<String> CATEGORIES =
      Set.of("network", "hardware", "software", "access", "other");

  private static final Logger LOG = LoggerFactory.getLogger(IncidentReporting.class);

  private final IncidentRecords records;
  private final Directory directory;
  private final CiChoices cis;
  private final CamundaClient client;
  private final String processId;

  /**
   * @param processId the BPMN process to start; {@value #PROCESS_ID} unless {@code
   *     flowdesk.incident.process-id} names another (tests use a stand-in process)
   */
  IncidentReporting(
      final IncidentRecords records,
      final Directory directory,
      final CiChoices cis,
      final CamundaClient client,
      @Value("${flowdesk.incident.process-id:" + PROCESS_ID + "}") final String processId) {
    this.records = records;
    this.directory = directory;
    this.cis = cis;
    this.client = client;
    this.processId = processId;
  }

  /**
   * Records the report of {@code caller} and starts its process.
   *
   * @param report what the caller reported (the report form's variables: {@code shortDescription},
   *     {@code description}, {@code category}, {@code impact}, {@code urgency}, optionally {@code
   *     configurationItem}: a CI id or a CI's exact name links the CI and keeps its name as the
   *     text, other text is kept as typed; other form fields travel to the process as they are)
   * @return the incident, with its process instance key
   * @throws IllegalArgumentException naming the field, when the report is incomplete or malformed
   * @throws ProcessNotStartedException the process did not start; the record was canceled
   */
  public Incident report(final String caller, final Map<String, Object> report) {
    return start(record(caller, report), report);
  }

  /**
   * Only records the report (state NEW), joining the caller's transaction; {@link #start} then
   * starts its process. For callers that commit more work with the record (email-to-ticket).
   *
   * @throws IllegalArgumentException naming the field, when the report is incomplete or malformed
   */
  public Incident record(final String caller, final Map<String, Object> report) {
    if (directory.person(caller).isEmpty()) {
      throw new IllegalArgumentException("unknown caller " + caller);
    }
    final String category = text(report.get("category"));
    if (category != null && !CATEGORIES.contains(category)) {
      throw new IllegalArgumentException(
          "category must be one of " + String.join(", ", CATEGORIES.stream().sorted().toList()));
    }
    // A CI id (the picker) or a CI's exact name links the CI; other text stays free text.
    final String named = text(report.get("configurationItem"));
    final ConfigurationItem ci =
        cis.resolve(named, null) instanceof CiChoices.Choice.Found found ? found.ci() : null;
    final Incident recorded =
        records.report(
            new NewIncident(
                caller,
                text(report.get("shortDescription")),
                text(report.get("description")),
                category == null ? "other" : category,
                ci == null ? named : ci.name(),
                level("impact", report.get("impact")),
                level("urgency", report.get("urgency"))),
            ChangeSource.person(caller));
    if (ci != null) {
      records.cis().set(recorded.id(), List.of(ci.id()), ChangeSource.person(caller));
    }
    return recorded;
  }

  /**
   * Starts the process of a recorded incident and stores its instance key.
   *
   * @param report the report's variables, which travel to the process
   * @throws ProcessNotStartedException the process did not start; the record was canceled
   */
  public Incident start(final Incident recorded, final Map<String, Object> report) {
    final String caller = recorded.caller();
    final Person person =
        directory
            .person(caller)
            .orElseThrow(() -> new IllegalArgumentException("unknown caller " + caller));
    final long processInstanceKey;
    try {
      processInstanceKey = start(recorded, person, report);
    } catch (RuntimeException startFailed) {
      cancel(recorded, caller, startFailed);
      throw new ProcessNotStartedException(recorded.number(), startFailed);
    }
    return records.change(
        recorded.id(),
        IncidentChange.of().processInstanceKey(processInstanceKey),
        ChangeSource.person(caller));
  }

  /**
   * Starts the process of a recorded incident unless it has one, for callers that start it apart
   * from recording it and try again after a failure (email-to-ticket). Idempotent: an incident that
   * already names its process instance is answered as it is, and one whose instance was created by
   * an earlier try that ended before it stored the key (a crash, a failed commit) gets that
   * instance's key instead of a second instance. A failure leaves the record as it is (NEW, no
   * key), for the next try.
   *
   * <p>Callers keep two tries for one incident from running at once (the engine's search would not
   * see the other's instance until it is created).
   *
   * @param report the report's variables, which travel to the process
   * @return the incident, with its process instance key
   * @throws RuntimeException whatever the engine answered; nothing was changed
   */
  public Incident startOnce(final Incident recorded, final Map<String, Object> report) {
    if (recorded.processInstanceKey() != null) {
      return recorded;
    }
    final Person person =
        directory
            .person(recorded.caller())
            .orElseThrow(() -> new IllegalArgumentException("unknown caller " + recorded.caller()));
    final long processInstanceKey =
        startedBefore(recorded).orElseGet(() -> start(recorded, person, report));
    return records.change(
        recorded.id(),
        IncidentChange.of().processInstanceKey(processInstanceKey),
        ChangeSource.person(recorded.caller()));
  }

  /** The instance an earlier try created for this incident, found by its {@code incidentId}. */
  private Optional<Long> startedBefore(final Incident incident) {
    final List<ProcessInstance> found =
        client
            .newProcessInstanceSearchRequest()
            .filter(
                f ->
                    f.processDefinitionId(processId)
                        // The engine compares a variable's JSON text: a number as written.
                        .variables(Map.of("incidentId", Long.toString(incident.id()))))
            .page(p -> p.limit(1))
            .send()
            .join()
            .items();
    if (found.isEmpty()) {
      return Optional.empty();
    }
    LOG.info(
        "Incident {} already has process instance {} from an earlier try; not starting another",
        incident.number(),
        found.get(0).getProcessInstanceKey());
    return Optional.of(found.get(0).getProcessInstanceKey());
  }

  private long start(final Incident incident, final Person caller, final Map<String, Object> form) {
    final Map<String, Object> variables = new LinkedHashMap<>(form);
    variables.put("incidentId", incident.id());
    variables.put("incidentNumber", incident.number());
    variables.put("caller", caller.username());
    variables.put("callerEmail", caller.email());
    variables.put("callerName", caller.displayName());
    variables.put("shortDescription", incident.shortDescription());
    variables.put("category", incident.category());
    variables.put("configurationItem", incident.configurationItem());
    records.cis().of(incident.id()).stream()
        .findFirst()
        .ifPresent(ci -> variables.put("configurationItemId", ci.id().toString()));
    variables.put("impact", incident.impact().name().toLowerCase(Locale.ROOT));
    variables.put("urgency", incident.urgency().name().toLowerCase(Locale.ROOT));
    final ProcessInstanceEvent started =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(processId)
            .latestVersion()
            .variables(variables)
            .send()
            .join();
    LOG.info(
        "Incident {} reported by {}: process instance {}",
        incident.number(),
        caller.username(),
        started.getProcessInstanceKey());
    return started.getProcessInstanceKey();
  }

  private void cancel(final Incident incident, final String caller, final RuntimeException cause) {
    LOG.error(
        "Process {} did not start for incident {}; canceling the record",
        processId,
        incident.number(),
        cause);
    try {
      records.change(
          incident.id(),
          IncidentChange.of().state(IncidentState.CANCELED),
          ChangeSource.person(caller));
    } catch (RuntimeException cancelFailed) {
      cause.addSuppressed(cancelFailed);
    }
  }

  private static String text(final Object value) {
    if (value == null) {
      return null;
    }
    final String text = value.toString().strip();
    return text.isEmpty() ? null : text;
  }

  private static Level level(final String field, final Object value) {
    final String text = text(value);
    if (text == null) {
      throw new IllegalArgumentException(field + " is required (high, medium or low)");
    }
    try {
      return Level.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException notALevel) {
      throw new IllegalArgumentException(field + " must be high, medium or low, not " + text);
    }
  }
}
