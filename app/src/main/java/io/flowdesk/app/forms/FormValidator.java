package io.flowdesk.app.forms;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Validates a posted form on the server, with form-js semantics: hidden fields are neither
 * validated nor submitted, read-only and disabled fields are never taken from the post, and a post
 * naming a field the form does not have is rejected as a whole.
 */
public final class FormValidator {

  /**
   * Parameters that belong to the page, not to the form: Spring Security's CSRF token and the
   * page's one-time key against double submits ({@value #ONCE_PARAMETER}).
   */
  private static final Set<String> PAGE_PARAMETERS = Set.of("_csrf", FormValidator.ONCE_PARAMETER);

  /** The hidden field that carries a page's one-time key (see {@code templates/forms/fields}). */
  public static final String ONCE_PARAMETER = "_once";

  private final FormLogic logic;
  private final Pickers pickers;

  /**
   * @param clock today's date for {@code disallowPassedDates}; its zone stands in for the user's
   *     when a time is stored with an offset
   */
  public FormValidator(final FormExpressions expressions, final Clock clock) {
    this(expressions, clock, Pickers.NONE);
  }

  /**
   * @param pickers resolve the input of picker fields ({@link Pickers}) into the value stored
   */
  public FormValidator(
      final FormExpressions expressions, final Clock clock, final Pickers pickers) {
    this.logic = new FormLogic(expressions, clock);
    this.pickers = pickers;
  }

  /**
   * @param form the form that was shown
   * @param variables the variables it was shown with (process or task variables); options from
   *     {@code valuesKey}/{@code valuesExpression} and conditions are read from them
   * @param post the posted parameters
   */
  public FormSubmission validate(
      final FormSchema form,
      final Map<String, ?> variables,
      final MultiValueMap<String, String> post) {
    final Map<String, String> errors = new LinkedHashMap<>();
    final MultiValueMap<String, String> input = new LinkedMultiValueMap<>();
    post.forEach(
        (name, values) -> {
          if (form.field(name).isPresent() || isChosenId(form, name)) {
            input.put(name, values);
          } else if (!PAGE_PARAMETERS.contains(name)) {
            errors.put(name, "\"" + name + "\" is not a field of this form.");
          }
        });

    final Map<String, FieldParser.Parsed> parsed = logic.parse(form, variables, input);
    final Map<String, Object> context = logic.postedContext(form, variables, parsed);
    final Set<FormComponent> hidden = logic.hidden(form, context);
    final Map<String, Object> accepted = new LinkedHashMap<>();
    for (final FormField field : form.fields()) {
      final FieldParser.Parsed value = parsed.get(field.name());
      if (value == null || hidden.contains(field.component())) {
        continue;
      }
      final String label = logic.label(field.component(), context);
      if (value instanceof FieldParser.Parsed.Failed failed) {
        errors.put(field.name(), failed.message());
        continue;
      }
      final Object converted = ((FieldParser.Parsed.Ok) value).value();
      final Optional<String> problem = logic.rules().check(field, label, converted, context);
      if (problem.isPresent()) {
        errors.put(field.name(), problem.get());
        continue;
      }
      final String picker = field.component().picker();
      if (picker != null && pickers.knows(picker)) {
        final Pickers.Picked picked =
            pickers.pick(
                picker,
                label,
                converted == null ? "" : converted.toString(),
                input.getFirst(Pickers.CHOSEN_PREFIX + field.name()));
        if (picked instanceof Pickers.Picked.Problem pickProblem) {
          errors.put(field.name(), pickProblem.message());
          continue;
        }
        VariablePaths.put(accepted, field.name(), ((Pickers.Picked.Value) picked).value());
      } else {
        VariablePaths.put(accepted, field.name(), converted);
      }
    }
    if (!errors.isEmpty()) {
      return new FormSubmission.Invalid(errors, input);
    }
    return new FormSubmission.Valid(accepted);
  }

  /** The id a picker field's browser-side picker chose travels beside the field. */
  private static boolean isChosenId(final FormSchema form, final String name) {
    return name.startsWith(Pickers.CHOSEN_PREFIX)
        && form.field(name.substring(Pickers.CHOSEN_PREFIX.length()))
            .map(field -> field.component().picker() != null)
            .orElse(false);
  }
}
