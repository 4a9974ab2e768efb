package io.flowdesk.app.operate.instance;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.filter.ProcessInstanceFilter;
import io.camunda.client.api.search.filter.builder.DateTimeProperty;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The instance list's filter as the page's form sends it (every field text, as typed): checked
 * field by field so that each problem is shown beside its field, then turned into the engine's
 * process instance filter. The same names, prefixed {@code filter.}, go with a bulk operation on
 * every instance the filter finds.
 */
public class InstanceFilter {

  static final List<String> STATES = List.of("active", "completed", "canceled", "incident");

  private String process = "";
  private String definitionKey = "";
  private String version = "";
  private String state = "";
  private String startedFrom = "";
  private String startedTo = "";
  private String endedFrom = "";
  private String endedTo = "";
  private String variableName = "";
  private String variableValue = "";
  private String tag = "";
  private String elementId = "";

  /** The names of the filter's fields, as the list's query and the bulk form's fields use them. */
  public static final Set<String> NAMES =
      java.util.Collections.unmodifiableSet(new InstanceFilter().fields(true).keySet());

  /**
   * A filter from fields by name (the bulk form's {@code filter.*} fields without the prefix).
   *
   * @throws IllegalArgumentException a name that is none of {@link #NAMES}
   */
  public static InstanceFilter of(final Map<String, String> fields) {
    final InstanceFilter filter = new InstanceFilter();
    fields.forEach(
        (name, value) -> {
          final String v = value == null ? "" : value;
          switch (name) {
            case "process" -> filter.setProcess(v);
            case "definitionKey" -> filter.setDefinitionKey(v);
            case "version" -> filter.setVersion(v);
            case "state" -> filter.setState(v);
            case "startedFrom" -> filter.setStartedFrom(v);
            case "startedTo" -> filter.setStartedTo(v);
            case "endedFrom" -> filter.setEndedFrom(v);
            case "endedTo" -> filter.setEndedTo(v);
            case "variableName" -> filter.setVariableName(v);
            case "variableValue" -> filter.setVariableValue(v);
            case "tag" -> filter.setTag(v);
            case "elementId" -> filter.setElementId(v);
            default ->
                throw new IllegalArgumentException(
                    "Unknown filter field '"
                        + name
                        + "'; known: "
                        + String.join(", ", NAMES)
                        + ".");
          }
        });
    return filter;
  }

  /** Each field's problem by field name; empty when the filter can be searched with. */
  public Map<String, String> problems(final ObjectMapper json) {
    final Map<String, String> problems = new LinkedHashMap<>();
    if (!definitionKey.isBlank() && !definitionKey.strip().matches("\\d{1,18}")) {
      problems.put(
          "definitionKey",
          "Definition key must be a process definition key (digits only), not '"
              + definitionKey.strip()
              + "'.");
    }
    if (!version.isBlank() && !version.strip().matches("[1-9]\\d{0,8}")) {
      problems.put(
          "version", "Version must be a whole number from 1, not '" + version.strip() + "'.");
    }
    if (!state.isBlank() && !STATES.contains(state)) {
      problems.put("state", "State must be one of " + String.join(", ", STATES) + ".");
    }
    dateRange(problems, "started", startedFrom, startedTo);
    dateRange(problems, "ended", endedFrom, endedTo);
    if (!variableName.isBlank() && variableValue.isBlank()) {
      problems.put(
          "variableValue", "Give the value of variable '" + variableName.strip() + "' as JSON.");
    } else if (variableName.isBlank() && !variableValue.isBlank()) {
      problems.put("variableName", "Give the name of the variable whose value to look for.");
    } else if (!variableValue.isBlank()) {
      JsonValues.problem(json, variableValue)
          .ifPresent(problem -> problems.put("variableValue", problem));
    }
    return problems;
  }

  private static void dateRange(
      final Map<String, String> problems, final String what, final String from, final String to) {
    final LocalDate start = date(problems, what + "From", from);
    final LocalDate end = date(problems, what + "To", to);
    if (start != null && end != null && end.isBefore(start)) {
      problems.put(what + "To", "The end of the range (" + to + ") is before its start.");
    }
  }

  private static LocalDate date(
      final Map<String, String> problems, final String field, final String text) {
    if (text.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      problems.put(field, "'" + text.strip() + "' is not a date (YYYY-MM-DD).");
      return null;
    }
  }

  /** The engine's filter; only for a filter without {@link #problems}. */
  public Consumer<ProcessInstanceFilter> toEngineFilter(final ObjectMapper json) {
    return f -> {
      if (!process.isBlank()) {
        f.processDefinitionId(process.strip());
      }
      if (!definitionKey.isBlank()) {
        f.processDefinitionKey(Long.parseLong(definitionKey.strip()));
      }
      if (!version.isBlank()) {
        f.processDefinitionVersion(Integer.parseInt(version.strip()));
      }
      switch (state) {
        case "active" -> f.state(ProcessInstanceState.ACTIVE);
        case "completed" -> f.state(ProcessInstanceState.COMPLETED);
        case "canceled" -> f.state(ProcessInstanceState.TERMINATED);
        case "incident" -> f.hasIncident(true);
        default -> {
          // any state
        }
      }
      if (!startedFrom.isBlank() || !startedTo.isBlank()) {
        f.startDate(d -> range(d, startedFrom, startedTo));
      }
      if (!endedFrom.isBlank() || !endedTo.isBlank()) {
        f.endDate(d -> range(d, endedFrom, endedTo));
      }
      if (!variableName.isBlank()) {
        // The engine compares a variable's JSON text: the value goes in as the engine writes it.
        f.variables(Map.of(variableName.strip(), JsonValues.canonical(json, variableValue)));
      }
      if (!tag.isBlank()) {
        f.tags(Set.of(tag.strip()));
      }
      if (!elementId.isBlank()) {
        f.elementId(elementId.strip());
      }
    };
  }

  private static void range(final DateTimeProperty property, final String from, final String to) {
    if (!from.isBlank()) {
      property.gte(startOf(LocalDate.parse(from.strip())));
    }
    if (!to.isBlank()) {
      // "To" includes its whole day.
      property.lt(startOf(LocalDate.parse(to.strip()).plusDays(1)));
    }
  }

  private static OffsetDateTime startOf(final LocalDate day) {
    return day.atStartOfDay().atOffset(ZoneOffset.UTC);
  }

  /** The filter's fields that are set, by name, for links and the bulk form's hidden fields. */
  public Map<String, String> fields() {
    return fields(false);
  }

  private Map<String, String> fields(final boolean blankToo) {
    final Map<String, String> fields = new LinkedHashMap<>();
    put(fields, blankToo, "process", process);
    put(fields, blankToo, "definitionKey", definitionKey);
    put(fields, blankToo, "version", version);
    put(fields, blankToo, "state", state);
    put(fields, blankToo, "startedFrom", startedFrom);
    put(fields, blankToo, "startedTo", startedTo);
    put(fields, blankToo, "endedFrom", endedFrom);
    put(fields, blankToo, "endedTo", endedTo);
    put(fields, blankToo, "variableName", variableName);
    put(fields, blankToo, "variableValue", variableValue);
    put(fields, blankToo, "tag", tag);
    put(fields, blankToo, "elementId", elementId);
    return fields;
  }

  private static void put(
      final Map<String, String> fields, final boolean blankToo, final String name, final String v) {
    if (blankToo || !v.isBlank()) {
      fields.put(name, v.strip());
    }
  }

  static String text(final String value) {
    return value == null ? "" : value;
  }

  public String getProcess() {
    return process;
  }

  public void setProcess(final String process) {
    this.process = text(process);
  }

  public String getDefinitionKey() {
    return definitionKey;
  }

  public void setDefinitionKey(final String definitionKey) {
    this.definitionKey = text(definitionKey);
  }

  public String getVersion() {
    return version;
  }

  public void setVersion(final String version) {
    this.version = text(version);
  }

  public String getState() {
    return state;
  }

  public void setState(final String state) {
    this.state = text(state);
  }

  public String getStartedFrom() {
    return startedFrom;
  }

  public void setStartedFrom(final String startedFrom) {
    this.startedFrom = text(startedFrom);
  }

  public String getStartedTo() {
    return startedTo;
  }

  public void setStartedTo(final String startedTo) {
    this.startedTo = text(startedTo);
  }

  public String getEndedFrom() {
    return endedFrom;
  }

  public void setEndedFrom(final String endedFrom) {
    this.endedFrom = text(endedFrom);
  }

  public String getEndedTo() {
    return endedTo;
  }

  public void setEndedTo(final String endedTo) {
    this.endedTo = text(endedTo);
  }

  public String getVariableName() {
    return variableName;
  }

  public void setVariableName(final String variableName) {
    this.variableName = text(variableName);
  }

  public String getVariableValue() {
    return variableValue;
  }

  public void setVariableValue(final String variableValue) {
    this.variableValue = text(variableValue);
  }

  public String getTag() {
    return tag;
  }

  public void setTag(final String tag) {
    this.tag = text(tag);
  }

  public String getElementId() {
    return elementId;
  }

  public void setElementId(final String elementId) {
    this.elementId = text(elementId);
  }
}
