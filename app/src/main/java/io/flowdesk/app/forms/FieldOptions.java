package io.flowdesk.app.forms;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The options of a select, radio, checklist or taglist, from the first source the component
 * defines, in form-js order: static {@code values}, then the variable named by {@code valuesKey},
 * then {@code valuesExpression}. Dynamic sources may yield {@code {label, value}} objects or plain
 * values.
 */
final class FieldOptions {

  private static final Logger LOG = LoggerFactory.getLogger(FieldOptions.class);

  private final FormExpressions expressions;

  FieldOptions(final FormExpressions expressions) {
    this.expressions = expressions;
  }

  /**
   * An option as posted: {@code formValue} is what the HTML carries, {@code value} what is kept.
   */
  record Choice(String label, Object value, String formValue) {}

  List<Choice> of(final FormComponent component, final Map<String, ?> variables) {
    if (component.values() != null) {
      final List<Object> items = new ArrayList<>();
      for (final FormComponent.Option option : component.values()) {
        if (option != null) {
          final Map<String, Object> item = new LinkedHashMap<>();
          item.put("label", option.label());
          item.put("value", option.value());
          items.add(item);
        }
      }
      return choices(items, component);
    }
    if (component.valuesKey() != null && !component.valuesKey().isBlank()) {
      return choices(VariablePaths.find(variables, component.valuesKey()).orElse(null), component);
    }
    if (component.valuesExpression() != null && !component.valuesExpression().isBlank()) {
      return choices(expressions.resolve(component.valuesExpression(), variables), component);
    }
    return List.of();
  }

  private static List<Choice> choices(final Object source, final FormComponent component) {
    if (source == null) {
      return List.of();
    }
    if (!(source instanceof List<?> items)) {
      LOG.warn(
          "Options of form field '{}' are not a list but {}; showing none",
          component.key(),
          source.getClass().getSimpleName());
      return List.of();
    }
    final Map<String, Choice> byFormValue = new LinkedHashMap<>();
    for (final Object item : items) {
      final Object value = item instanceof Map<?, ?> map ? map.get("value") : item;
      if (value == null) {
        continue;
      }
      final Object label = item instanceof Map<?, ?> map ? map.get("label") : null;
      final String formValue = FormExpressions.display(value);
      byFormValue.putIfAbsent(
          formValue, new Choice(label == null ? formValue : label.toString(), value, formValue));
    }
    return List.copyOf(byFormValue.values());
  }
}
