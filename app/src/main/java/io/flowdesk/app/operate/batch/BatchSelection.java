package io.flowdesk.app.operate.batch;

import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.filter.ProcessInstanceFilter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.util.MultiValueMap;

/**
 * Which process instances a batch operation is for, as the instance list submits them: repeated
 * {@code instanceKey} fields (the checked rows), or else {@code filter.*} fields copied from the
 * list's filter. Becomes the process instance search filter the engine's batch endpoints take.
 */
record BatchSelection(List<Long> instanceKeys, Map<String, String> filter) {

  static final String KEY_FIELD = "instanceKey";
  static final String FILTER_PREFIX = "filter.";

  /** The {@code filter.*} fields understood, as named in the process instance search. */
  static final Set<String> FILTER_FIELDS =
      Set.of(
          "processDefinitionKey",
          "processDefinitionId",
          "processDefinitionVersion",
          "state",
          "hasIncident");

  BatchSelection {
    instanceKeys = List.copyOf(instanceKeys);
    filter = Map.copyOf(filter);
  }

  /**
   * The selection in a submitted form.
   *
   * @throws IllegalArgumentException naming the field that is not a key, not known, or empty
   */
  static BatchSelection of(final MultiValueMap<String, String> form) {
    final List<Long> keys = new ArrayList<>();
    for (final String typed : form.getOrDefault(KEY_FIELD, List.of())) {
      if (typed == null || typed.isBlank()) {
        continue;
      }
      keys.add(key(KEY_FIELD, typed));
    }
    final Map<String, String> filter = new LinkedHashMap<>();
    form.forEach(
        (name, values) -> {
          if (!name.startsWith(FILTER_PREFIX)) {
            return;
          }
          final String field = name.substring(FILTER_PREFIX.length());
          if (!FILTER_FIELDS.contains(field)) {
            throw new IllegalArgumentException(
                "Unknown filter field '"
                    + name
                    + "'; known: filter."
                    + String.join(", filter.", FILTER_FIELDS.stream().sorted().toList())
                    + ".");
          }
          final String value = values.isEmpty() ? null : values.get(0);
          if (value != null && !value.isBlank()) {
            filter.put(field, value.strip());
          }
        });
    final BatchSelection selection = new BatchSelection(keys, filter);
    if (keys.isEmpty() && filter.isEmpty()) {
      throw new IllegalArgumentException(
          "Select at least one process instance, or filter the instance list first.");
    }
    selection
        .searchFilter(); // reads every value now, so a bad one is named before anything is sent
    return selection;
  }

  /** The search filter for the engine. */
  Consumer<ProcessInstanceFilter> searchFilter() {
    final Long definitionKey =
        filter.containsKey("processDefinitionKey")
            ? key("filter.processDefinitionKey", filter.get("processDefinitionKey"))
            : null;
    final Integer version =
        filter.containsKey("processDefinitionVersion")
            ? version(filter.get("processDefinitionVersion"))
            : null;
    final ProcessInstanceState state =
        filter.containsKey("state") ? state(filter.get("state")) : null;
    final Boolean incident =
        filter.containsKey("hasIncident") ? Boolean.valueOf(filter.get("hasIncident")) : null;
    return f -> {
      if (!instanceKeys.isEmpty()) {
        f.processInstanceKey(p -> p.in(instanceKeys));
      }
      if (definitionKey != null) {
        f.processDefinitionKey(definitionKey);
      }
      if (filter.containsKey("processDefinitionId")) {
        f.processDefinitionId(filter.get("processDefinitionId"));
      }
      if (version != null) {
        f.processDefinitionVersion(version);
      }
      if (state != null) {
        f.state(state);
      }
      if (incident != null) {
        f.hasIncident(incident);
      }
    };
  }

  /** The selection as form fields, to carry it through the mapping page. */
  public Map<String, List<String>> fields() {
    final Map<String, List<String>> fields = new LinkedHashMap<>();
    if (!instanceKeys.isEmpty()) {
      fields.put(KEY_FIELD, instanceKeys.stream().map(String::valueOf).toList());
    }
    filter.forEach((name, value) -> fields.put(FILTER_PREFIX + name, List.of(value)));
    return fields;
  }

  /** How many instances, or which filter, in words for the page. */
  public String description() {
    if (!instanceKeys.isEmpty()) {
      return instanceKeys.size() == 1
          ? "1 selected process instance"
          : instanceKeys.size() + " selected process instances";
    }
    return "the process instances matching "
        + String.join(
            ", ", filter.entrySet().stream().map(e -> e.getKey() + " = " + e.getValue()).toList());
  }

  static long key(final String field, final String typed) {
    try {
      final long key = Long.parseLong(typed.strip());
      if (key > 0) {
        return key;
      }
    } catch (NumberFormatException e) {
      // named below
    }
    throw new IllegalArgumentException(
        "'" + field + "' must be a key (digits), not '" + typed.strip() + "'.");
  }

  private static int version(final String typed) {
    try {
      return Integer.parseInt(typed.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "'filter.processDefinitionVersion' must be a number, not '" + typed + "'.");
    }
  }

  private static ProcessInstanceState state(final String typed) {
    try {
      return ProcessInstanceState.valueOf(typed.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'filter.state' must be ACTIVE, COMPLETED or TERMINATED, not '" + typed + "'.");
    }
  }
}
