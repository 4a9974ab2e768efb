package io.flowdesk.app.incident.workspace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.flowdesk.app.incident.IncidentReporting;
import io.flowdesk.domain.incident.ChangeSource;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentChange;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.incident.Level;
import io.flowdesk.domain.incident.Priority;
import io.flowdesk.domain.servicelevel.ServiceLevel;
import io.flowdesk.domain.servicelevel.ServiceLevels;
import io.flowdesk.workers.incident.IncidentResolveTask;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * An agent's change of an incident's category, impact and urgency. The priority is the deployed
 * {@value #DECISION} decision's answer (evaluated by the engine, so an analyst's change of the
 * matrix applies at once) unless the agent overrides it with a reason; the SLA targets become the
 * new priority's ({@link ServiceLevels}, in the working time of its schedule), counted from the
 * incident's report as the classification counted them, and the open task's priority follows.
 */
@Component
public class IncidentClassification {

  /** The priority decision the incident process calls (processes/incident-priority.dmn). */
  static final String DECISION = "incident-priority";

  static final int MAX_REASON = 2000;

  private final IncidentRecords records;
  private final CamundaClient camunda;
  private final ObjectMapper json;
  private final IncidentResolveTask resolveTask;
  private final ServiceLevels levels;

  IncidentClassification(
      final IncidentRecords records,
      final CamundaClient camunda,
      final ObjectMapper json,
      final ServiceLevels levels) {
    this.records = records;
    this.levels = levels;
    this.camunda = camunda;
    this.json = json;
    this.resolveTask = new IncidentResolveTask(camunda);
  }

  /**
   * Sets category, impact and urgency and the priority they give, or {@code override} (a priority
   * name; blank for none) with {@code overrideReason} (audited as {@code priorityOverride}).
   *
   * @throws WorkspaceInputException naming the field: unknown category, impact, urgency or
   *     priority, an override without reason, or a decision that has no answer
   */
  @Transactional
  public Incident classify(
      final Incident incident,
      final String category,
      final String impact,
      final String urgency,
      final String override,
      final String overrideReason,
      final String agent) {
    final Map<String, String> problems = new LinkedHashMap<>();
    if (category == null || !IncidentReporting.CATEGORIES.contains(category)) {
      problems.put(
          "category",
          "choose one of "
              + String.join(", ", IncidentReporting.CATEGORIES.stream().sorted().toList()));
    }
    final Level impactLevel = level("impact", impact, problems);
    final Level urgencyLevel = level("urgency", urgency, problems);
    Priority overridden = null;
    if (override != null && !override.isBlank()) {
      try {
        overridden = Priority.valueOf(override.strip());
      } catch (IllegalArgumentException e) {
        problems.put("priority", "choose P1 to P5, or none to take the decision's");
      }
    }
    if (!problems.isEmpty()) {
      throw new WorkspaceInputException(problems);
    }
    final String reason =
        overridden == null ? null : Reasons.required(overrideReason, "overrideReason", MAX_REASON);
    final Priority priority = overridden != null ? overridden : decide(impactLevel, urgencyLevel);
    final ServiceLevel level = levels.of(priority);
    final ChangeSource source = ChangeSource.person(agent);
    final var reported = incident.createdAt().truncatedTo(ChronoUnit.SECONDS);
    final Incident changed =
        records.change(
            incident.id(),
            IncidentChange.of()
                .category(category)
                .impact(impactLevel)
                .urgency(urgencyLevel)
                .priority(priority)
                .responseDue(level.calendar().plus(reported, level.response()))
                .resolutionDue(level.calendar().plus(reported, level.resolution())),
            source);
    if (reason != null) {
      records
          .core()
          .audit()
          .record(incident.id(), source, "priorityOverride", null, priority + ": " + reason);
    }
    resolveTask
        .openTask(incident)
        .ifPresent(
            task ->
                camunda
                    .newUpdateUserTaskCommand(task.getUserTaskKey())
                    .priority(level.taskPriority())
                    .send()
                    .join());
    return changed;
  }

  private Priority decide(final Level impact, final Level urgency) {
    final String output =
        camunda
            .newEvaluateDecisionCommand()
            .decisionId(DECISION)
            .variables(Map.of("impact", lower(impact), "urgency", lower(urgency)))
            .send()
            .join()
            .getDecisionOutput();
    try {
      return Priority.valueOf(json.readValue(output, String.class));
    } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
      throw WorkspaceInputException.of(
          "priority",
          "the priority decision has no priority for impact "
              + lower(impact)
              + " and urgency "
              + lower(urgency)
              + "; set one with a reason");
    }
  }

  private static Level level(
      final String field, final String value, final Map<String, String> problems) {
    try {
      return Level.valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      problems.put(field, "choose high, medium or low");
      return null;
    }
  }

  private static String lower(final Level level) {
    return level.name().toLowerCase(Locale.ROOT);
  }
}
