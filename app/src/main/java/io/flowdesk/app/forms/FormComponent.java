package io.flowdesk.app.forms;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One element of a Camunda form as form-js saves it. form-js uses one flat property namespace for
 * all component types, so one record carries them all; a property a type does not use is null.
 *
 * <p>Properties typed {@link Object} may hold a literal (string, number, boolean) or a FEEL
 * expression: a string starting with {@code =}. {@link FormExpressions#resolve} tells them apart.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FormComponent(
    String type,
    String id,
    String key,
    String path,
    Object label,
    Object description,
    Object defaultValue,
    Object readonly,
    Object disabled,
    Validation validate,
    List<Option> values,
    String valuesKey,
    String valuesExpression,
    Conditional conditional,
    Appearance appearance,
    Object increment,
    Integer decimalDigits,
    Boolean serializeToString,
    String subtype,
    Object dateLabel,
    Object timeLabel,
    Boolean use24h,
    String timeSerializingFormat,
    Integer timeInterval,
    Boolean disallowPassedDates,
    String text,
    List<FormComponent> components,
    Layout layout,
    String action,
    Integer height,
    Boolean showOutline,
    java.util.Map<String, Object> properties) {

  /** The canonical constructor keeps lists non-null so walkers need no null checks. */
  public FormComponent {
    // Copies keep null elements, so the schema check can report them by name.
    components =
        components == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(components));
    values = values == null ? null : Collections.unmodifiableList(new ArrayList<>(values));
  }

  /** What kind of element this is; {@link ComponentType#UNSUPPORTED} for types we cannot show. */
  public ComponentType kind() {
    return ComponentType.of(type);
  }

  /**
   * The picker a text field asks for with the custom property {@value Pickers#PROPERTY} (see {@link
   * Pickers}); null for none.
   */
  public String picker() {
    if (kind() != ComponentType.TEXTFIELD || properties == null) {
      return null;
    }
    final Object picker = properties.get(Pickers.PROPERTY);
    return picker == null || picker.toString().isBlank() ? null : picker.toString().strip();
  }

  /** The validation rules, never null. */
  public Validation rules() {
    return validate == null ? Validation.NONE : validate;
  }

  /** The {@code conditional.hide} FEEL expression, or null when the element is always shown. */
  public String hideCondition() {
    return conditional == null ? null : conditional.hide();
  }

  /** {@code validate}: what a submitted value must satisfy. Numbers may be FEEL expressions. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Validation(
      Boolean required,
      Object minLength,
      Object maxLength,
      Object min,
      Object max,
      String pattern,
      String validationType) {

    static final Validation NONE = new Validation(null, null, null, null, null, null, null);

    /** Whether a value must be given. */
    public boolean isRequired() {
      return Boolean.TRUE.equals(required);
    }
  }

  /** A static option of a select, radio, checklist or taglist. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Option(String label, Object value) {}

  /** {@code conditional}: when the element is hidden. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Conditional(String hide) {}

  /** {@code appearance}: text shown before and after a text field or number input. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Appearance(Object prefixAdorner, Object suffixAdorner) {}

  /** {@code layout}: the row an element sits in and how many of the 16 grid columns it spans. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Layout(String row, Integer columns) {}
}
