package io.flowdesk.app.operate.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.api.search.filter.ProcessInstanceFilter;
import io.flowdesk.app.operate.instance.InstanceFilter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.util.MultiValueMap;

/**
 * Which process instances a batch operation is for, as the instance list submits them: repeated
 * {@code instanceKey} fields (the checked rows), or else {@code filter.*} fields copied from the
 * list's filter, named and checked as the list names and checks them ({@link InstanceFilter}).
 * Becomes the process instance search filter the engine's batch endpoints take.
 */
record BatchSelection(List<Long> instanceKeys, Map<String, String> filter) {

  static final String KEY_FIELD = "instanceKey";
  static final String FILTER_PREFIX = "filter.";

  /** The filter field that names one process version (what a migration starts from). */
  static final String DEFINITION_KEY = "definitionKey";

  // Reads a variable's JSON value as the list does; the engine compares JSON text.
  private static final ObjectMapper JSON = new ObjectMapper();

  BatchSelection {
    instanceKeys = List.copyOf(instanceKeys);
    filter = Map.copyOf(filter);
  }

  /**
   * The selection in a submitted form.
   *
   * @throws IllegalArgumentException naming the field that is not a key, not known, or not usable
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
          if (!InstanceFilter.NAMES.contains(field)) {
            throw new IllegalArgumentException(
                "Unknown filter field '"
                    + name
                    + "'; known: filter."
                    + String.join(", filter.", InstanceFilter.NAMES)
                    + ".");
          }
          final String value = values.isEmpty() ? null : values.get(0);
          if (value != null && !value.isBlank()) {
            filter.put(field, value.strip());
          }
        });
    if (keys.isEmpty() && filter.isEmpty()) {
      throw new IllegalArgumentException(
          "Select at least one process instance, or filter the instance list first.");
    }
    final Map<String, String> problems = InstanceFilter.of(filter).problems(JSON);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join(" ", problems.values()));
    }
    return new BatchSelection(keys, filter);
  }

  /** The search filter for the engine. */
  Consumer<ProcessInstanceFilter> searchFilter() {
    final Consumer<ProcessInstanceFilter> listed = InstanceFilter.of(filter).toEngineFilter(JSON);
    return f -> {
      if (!instanceKeys.isEmpty()) {
        f.processInstanceKey(p -> p.in(instanceKeys));
      }
      listed.accept(f);
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
            ", ",
            filter.entrySet().stream().map(e -> words(e.getKey()) + " " + e.getValue()).toList());
  }

  // "definitionKey" as "definition key": the filter's names read as words in a heading.
  private static String words(final String name) {
    return name.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
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
}
