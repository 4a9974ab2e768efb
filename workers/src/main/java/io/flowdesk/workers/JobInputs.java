package io.flowdesk.workers;

import io.camunda.client.api.response.ActivatedJob;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A job's inputs as the element templates bind them: {@code zeebe:input} values arrive as job
 * variables, {@code zeebe:taskHeader} values as custom headers. Missing or mistyped inputs are an
 * {@link InvalidJobInputException} naming the input.
 */
public final class JobInputs {

  private final ActivatedJob job;
  private final Map<String, Object> variables;

  public JobInputs(final ActivatedJob job) {
    this.job = job;
    this.variables = job.getVariablesAsMap();
  }

  public long jobKey() {
    return job.getKey();
  }

  public long processInstanceKey() {
    return job.getProcessInstanceKey();
  }

  /** A required text input. */
  public String text(final String name) {
    return optionalText(name)
        .orElseThrow(() -> new InvalidJobInputException("input '" + name + "' is missing"));
  }

  /** A text input that may be absent or blank. */
  public Optional<String> optionalText(final String name) {
    final Object value = variables.get(name);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof Map || value instanceof Collection) {
      throw new InvalidJobInputException("input '" + name + "' must be text, was " + value);
    }
    final String text = String.valueOf(value);
    return text.isBlank() ? Optional.empty() : Optional.of(text);
  }

  /** A list of texts, given as a list or as one comma-separated text; empty when absent. */
  public List<String> textList(final String name) {
    final Object value = variables.get(name);
    if (value == null) {
      return List.of();
    }
    final List<String> items =
        value instanceof Collection<?> collection
            ? collection.stream().map(String::valueOf).toList()
            : Arrays.asList(String.valueOf(value).split(","));
    return items.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /** A JSON object input (a FEEL context), as text keys to values; empty when absent. */
  public Map<String, Object> object(final String name) {
    final Object value = variables.get(name);
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw new InvalidJobInputException("input '" + name + "' must be an object, was " + value);
    }
    final Map<String, Object> result = new LinkedHashMap<>();
    map.forEach((k, v) -> result.put(String.valueOf(k), v));
    return result;
  }

  /** Any input as the job carries it, or null. */
  public Object raw(final String name) {
    return variables.get(name);
  }

  /** A task header, or empty when absent or blank. */
  public Optional<String> header(final String name) {
    final String value = job.getCustomHeaders().get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }

  /** The result under the header {@code resultVariable}, or no variables when it is not set. */
  public Map<String, Object> resultAs(final Object result) {
    return header("resultVariable")
        .<Map<String, Object>>map(
            name -> {
              final Map<String, Object> variables = new LinkedHashMap<>();
              variables.put(name, result);
              return variables;
            })
        .orElse(Map.of());
  }
}
