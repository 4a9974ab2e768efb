package io.flowdesk.engine.execution;

import io.flowdesk.engine.model.Expression;
import io.flowdesk.engine.model.FlowElement;
import io.flowdesk.engine.model.ResourceBinding;
import io.flowdesk.engine.model.UserTaskDefinition;
import io.flowdesk.engine.state.ElementInstance;
import io.flowdesk.engine.state.InstanceState;
import io.flowdesk.engine.state.NewUserTask;
import io.flowdesk.engine.state.PendingRecord;
import io.flowdesk.engine.support.Json;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Creates user tasks: a Camunda user task record the engine keeps, or, for job-based user tasks,
 * the {@code io.camunda.zeebe:*} headers of their job. Assignment, schedule and priority are
 * evaluated once, when the task is created, as in Zeebe.
 */
final class UserTaskBehavior {

  static final int DEFAULT_PRIORITY = 50;

  private final InstanceState state;
  private final EngineServices services;
  private final VariableBehavior variables;
  private final ExpressionBehavior expressions;

  UserTaskBehavior(
      final InstanceState state,
      final EngineServices services,
      final VariableBehavior variables,
      final ExpressionBehavior expressions) {
    this.state = state;
    this.services = services;
    this.variables = variables;
    this.expressions = expressions;
  }

  /** What a user task's definition evaluates to in the scope of its element instance. */
  private record Evaluated(
      String assignee,
      List<String> candidateGroups,
      List<String> candidateUsers,
      Instant dueDate,
      Instant followUpDate,
      int priority) {}

  void createUserTask(final ElementInstance instance, final FlowElement element) {
    final NewUserTask task = newUserTask(instance, element, "CREATED");
    state.addUserTask(task);
    state.append(
        new PendingRecord(
            task.key(),
            "USER_TASK",
            "CREATED",
            state.processInstance().key(),
            element.id(),
            recordPayload(task)));
  }

  /** What a user task's record tells of it. */
  static Map<String, Object> recordPayload(final NewUserTask task) {
    final Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("userTaskKey", task.key());
    payload.put("elementInstanceKey", task.elementInstanceKey());
    payload.put("assignee", task.assignee());
    payload.put("candidateGroups", task.candidateGroups());
    payload.put("candidateUsers", task.candidateUsers());
    payload.put("priority", task.priority());
    return payload;
  }

  /** The task its definition evaluates to, in {@code taskState}; not yet stored. */
  NewUserTask newUserTask(
      final ElementInstance instance, final FlowElement element, final String taskState) {
    final UserTaskDefinition definition = element.userTask();
    final Evaluated evaluated = evaluate(instance, definition);
    Long formKey = null;
    String externalReference = null;
    final UserTaskDefinition.FormLink form = definition.form();
    if (form != null && form.formId() != null) {
      formKey = boundFormKey(form);
    } else if (form != null && form.externalReference() != null) {
      externalReference =
          expressions.evaluateString(
              form.externalReference(), variables.lookupFrom(instance.key()));
    }
    final long key = services.keys().next();
    return new NewUserTask(
        key,
        state.processInstance().key(),
        instance.key(),
        element.id(),
        element.name(),
        state.processInstance().bpmnProcessId(),
        state.processInstance().processDefinitionKey(),
        state.processInstance().version(),
        evaluated.assignee(),
        evaluated.candidateGroups(),
        evaluated.candidateUsers(),
        evaluated.dueDate(),
        evaluated.followUpDate(),
        evaluated.priority(),
        formKey,
        externalReference,
        definition.headers(),
        taskState);
  }

  private long boundFormKey(final UserTaskDefinition.FormLink form) {
    final ResourceBinding binding = form.binding();
    final long callerDeploymentKey =
        services.processes().deploymentKeyOf(state.processInstance().processDefinitionKey());
    return services
        .forms()
        .formKey(form.formId(), binding, callerDeploymentKey)
        .orElseThrow(
            () ->
                new Failure(
                        "FORM_NOT_FOUND",
                        binding.type() == ResourceBinding.Type.LATEST
                            ? "Expected to find a form with id '"
                                + form.formId()
                                + "', but no form with this id is found, at least a form with"
                                + " this id should be available. To resolve the Incident please"
                                + " deploy a form with the same id"
                            : "Expected to find a form with id '"
                                + form.formId()
                                + "'"
                                + binding.describe()
                                + ", but no such form is deployed. To resolve the incident,"
                                + " deploy this form"
                                + (binding.type() == ResourceBinding.Type.VERSION_TAG
                                    ? " with this version tag"
                                    : " together with the process"))
                    .raise());
  }

  /** The headers Zeebe gives the job of a job-based user task, besides the task headers. */
  Map<String, String> jobHeaders(final ElementInstance instance, final FlowElement element) {
    final UserTaskDefinition definition = element.userTask();
    final Evaluated evaluated = evaluate(instance, definition);
    final Map<String, String> headers = new LinkedHashMap<>(element.taskHeaders());
    if (evaluated.assignee() != null) {
      headers.put("io.camunda.zeebe:assignee", evaluated.assignee());
    }
    if (!evaluated.candidateGroups().isEmpty()) {
      headers.put("io.camunda.zeebe:candidateGroups", Json.write(evaluated.candidateGroups()));
    }
    if (!evaluated.candidateUsers().isEmpty()) {
      headers.put("io.camunda.zeebe:candidateUsers", Json.write(evaluated.candidateUsers()));
    }
    if (evaluated.dueDate() != null) {
      headers.put("io.camunda.zeebe:dueDate", evaluated.dueDate().toString());
    }
    if (evaluated.followUpDate() != null) {
      headers.put("io.camunda.zeebe:followUpDate", evaluated.followUpDate().toString());
    }
    if (definition.form() != null && definition.form().formKey() != null) {
      headers.put("io.camunda.zeebe:formKey", definition.form().formKey());
    }
    return headers;
  }

  private Evaluated evaluate(final ElementInstance instance, final UserTaskDefinition definition) {
    final Function<String, Optional<Object>> scope = variables.lookupFrom(instance.key());
    final String assignee =
        definition.assignee() == null ? null : blankToNull(string(definition.assignee(), scope));
    return new Evaluated(
        assignee,
        list(definition.candidateGroups(), scope),
        list(definition.candidateUsers(), scope),
        date(definition.dueDate(), scope),
        date(definition.followUpDate(), scope),
        priority(definition.priority(), scope));
  }

  private String string(
      final Expression expression, final Function<String, Optional<Object>> scope) {
    return expressions.evaluateString(expression, scope);
  }

  /** A FEEL list of strings, or static text with comma separated entries. */
  private List<String> list(
      final Expression expression, final Function<String, Optional<Object>> scope) {
    if (expression == null) {
      return List.of();
    }
    final Object value = expressions.evaluate(expression, scope, "EXTRACT_VALUE_ERROR");
    if (value instanceof String text) {
      return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
    if (value instanceof List<?> items && items.stream().allMatch(String.class::isInstance)) {
      return items.stream().map(String.class::cast).toList();
    }
    throw Failure.extractValue(
            "Expected result of the expression '"
                + expression.text()
                + "' to be 'ARRAY' of strings, but was '"
                + ExpressionBehavior.typeName(value)
                + "'.")
        .raise();
  }

  private Instant date(
      final Expression expression, final Function<String, Optional<Object>> scope) {
    if (expression == null) {
      return null;
    }
    final Object value = expressions.evaluate(expression, scope, "EXTRACT_VALUE_ERROR");
    if (value == null || (value instanceof String text && text.isBlank())) {
      return null;
    }
    if (value instanceof String text) {
      try {
        return ZonedDateTime.parse(text, DateTimeFormatter.ISO_DATE_TIME).toInstant();
      } catch (DateTimeParseException e) {
        try {
          return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException again) {
          // reported below
        }
      }
    }
    throw Failure.extractValue(
            "Expected result of the expression '"
                + expression.text()
                + "' to be a valid date-time string (ISO 8601), but was '"
                + value
                + "'.")
        .raise();
  }

  private int priority(
      final Expression expression, final Function<String, Optional<Object>> scope) {
    if (expression == null) {
      return DEFAULT_PRIORITY;
    }
    final long priority = expressions.evaluateLong(expression, scope);
    if (priority < 0 || priority > 100) {
      throw Failure.extractValue(
              "Expected result of the expression '"
                  + expression.text()
                  + "' to be a number between 0 and 100, but was '"
                  + priority
                  + "'.")
          .raise();
    }
    return (int) priority;
  }

  private static String blankToNull(final String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
