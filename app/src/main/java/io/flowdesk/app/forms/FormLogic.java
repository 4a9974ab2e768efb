package io.flowdesk.app.forms;

import java.time.Clock;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.util.MultiValueMap;

/**
 * What rendering and validation must agree on: a field's label, whether the user may edit it, its
 * options, how posted strings convert, and which components are hidden. Both build on this class so
 * that a form re-rendered after a failed submission shows exactly the fields that were validated.
 */
final class FormLogic {

  private final FormExpressions expressions;
  private final FieldOptions options;
  private final FieldParser parser;
  private final FieldRules rules;
  private final DatetimeFormats datetimes;

  FormLogic(final FormExpressions expressions, final Clock clock) {
    this.expressions = expressions;
    this.datetimes = new DatetimeFormats(clock);
    this.options = new FieldOptions(expressions);
    this.parser = new FieldParser(datetimes);
    this.rules = new FieldRules(expressions, datetimes);
  }

  FormExpressions expressions() {
    return expressions;
  }

  DatetimeFormats datetimes() {
    return datetimes;
  }

  FieldRules rules() {
    return rules;
  }

  /** The label a user sees, also used to name the field in messages; the key when unlabelled. */
  String label(final FormComponent component, final Map<String, ?> context) {
    Object raw = component.label();
    if (component.kind() == ComponentType.DATETIME) {
      raw =
          DatetimeFormats.subtype(component) == DatetimeFormats.Subtype.TIME
              ? component.timeLabel()
              : component.dateLabel();
    }
    final String label = expressions.text(raw, context);
    if (label != null && !label.isBlank()) {
      return label;
    }
    return component.key() != null ? component.key() : "";
  }

  /** Whether the user may change the field: neither {@code readonly} nor {@code disabled}. */
  boolean editable(final FormComponent component, final Map<String, ?> variables) {
    return !expressions.isTrue(component.readonly(), variables)
        && !expressions.isTrue(component.disabled(), variables);
  }

  List<FieldOptions.Choice> options(final FormComponent component, final Map<String, ?> variables) {
    return component.kind().hasOptions() ? options.of(component, variables) : List.of();
  }

  /** The posted values of every editable field, converted; keyed by field name in form order. */
  Map<String, FieldParser.Parsed> parse(
      final FormSchema form,
      final Map<String, ?> variables,
      final MultiValueMap<String, String> post) {
    final Map<String, FieldParser.Parsed> parsed = new LinkedHashMap<>();
    for (final FormField field : form.fields()) {
      final FormComponent component = field.component();
      if (editable(component, variables)) {
        final List<String> posted = Optional.ofNullable(post.get(field.name())).orElse(List.of());
        parsed.put(
            field.name(),
            parser.parse(
                field, label(component, variables), posted, options(component, variables)));
      }
    }
    return parsed;
  }

  /** Variables as the form starts: a field without a variable holds its {@code defaultValue}. */
  Map<String, Object> initialContext(final FormSchema form, final Map<String, ?> variables) {
    final Map<String, Object> context = VariablePaths.mutableCopy(variables);
    for (final FormField field : form.fields()) {
      final Object defaultValue = field.component().defaultValue();
      if (defaultValue != null && VariablePaths.find(variables, field.name()).isEmpty()) {
        VariablePaths.put(context, field.name(), defaultValue);
      }
    }
    return context;
  }

  /** The form as the user left it: the posted values that converted, laid over the start. */
  Map<String, Object> postedContext(
      final FormSchema form,
      final Map<String, ?> variables,
      final Map<String, FieldParser.Parsed> parsed) {
    final Map<String, Object> context = initialContext(form, variables);
    parsed.forEach(
        (name, value) -> {
          if (value instanceof FieldParser.Parsed.Ok ok) {
            VariablePaths.put(context, name, ok.value());
          }
        });
    return context;
  }

  /**
   * The hidden components, in a walk in document order that drops each hidden field's value from
   * {@code context} before later conditions read it (form-js does the same); a hidden group hides
   * everything in it.
   */
  Set<FormComponent> hidden(final FormSchema form, final Map<String, Object> context) {
    final Set<FormComponent> hidden = Collections.newSetFromMap(new IdentityHashMap<>());
    walk(form.components(), "", false, context, hidden);
    return hidden;
  }

  private void walk(
      final List<FormComponent> components,
      final String prefix,
      final boolean parentHidden,
      final Map<String, Object> context,
      final Set<FormComponent> hidden) {
    for (final FormComponent component : components) {
      final boolean isHidden = parentHidden || expressions.hides(component, context);
      if (isHidden) {
        hidden.add(component);
      }
      final ComponentType type = component.kind();
      if (type.isInput() && isHidden) {
        VariablePaths.remove(context, prefix + component.key());
      } else if (type.isContainer()) {
        final String path = component.path();
        final String nested = path == null || path.isBlank() ? prefix : prefix + path + ".";
        walk(component.components(), nested, isHidden, context, hidden);
      }
    }
  }
}
