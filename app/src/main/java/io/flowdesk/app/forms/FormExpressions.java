package io.flowdesk.app.forms;

import io.flowdesk.engine.feel.FeelEvaluator;
import io.flowdesk.engine.feel.FeelResult;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates the FEEL found in forms: {@code =}-prefixed property values, {@code conditional.hide}
 * and {@code {{ ... }}} templates in texts, always against JSON-like variables.
 *
 * <p>A form must still render when an expression is wrong, so failures are logged and read as "no
 * value" (which also means "not hidden", as form-js does).
 */
public final class FormExpressions {

  private static final Logger LOG = LoggerFactory.getLogger(FormExpressions.class);
  // Block helpers ({{#if}}, {{/if}}) are not supported and stay as they are.
  private static final Pattern TEMPLATE = Pattern.compile("\\{\\{\\s*([^#/}\\s][^}]*?)\\s*}}");

  private final FeelEvaluator feel;

  /** Uses its own FEEL engine; FEEL engines are immutable and thread-safe. */
  public FormExpressions() {
    this(new FeelEvaluator());
  }

  /** Uses the given FEEL evaluator. */
  public FormExpressions(final FeelEvaluator feel) {
    this.feel = feel;
  }

  /** Whether a property value is a FEEL expression (a string starting with {@code =}). */
  public static boolean isExpression(final Object raw) {
    return raw instanceof String text && text.startsWith("=");
  }

  /** The value of a property: a literal as is, an expression evaluated (null when it fails). */
  public Object resolve(final Object raw, final Map<String, ?> variables) {
    return isExpression(raw) ? evaluate(((String) raw).substring(1), variables) : raw;
  }

  /** Evaluates FEEL source (without {@code =}); null when it fails, which is logged. */
  public Object evaluate(final String source, final Map<String, ?> variables) {
    final FeelResult result = feel.evaluate(source, name -> lookup(variables, name));
    if (result instanceof FeelResult.Value value) {
      return value.value();
    }
    LOG.warn("Form expression '{}' failed: {}", source, ((FeelResult.Failure) result).message());
    return null;
  }

  /** A text property (label, description): expression result or filled-in template. */
  public String text(final Object raw, final Map<String, ?> variables) {
    return text(raw, variables, UnaryOperator.identity());
  }

  /**
   * A text property whose values from the variables each stand in the text as {@code fill} answers
   * for them: an expression's whole result, or each {@code {{ }}} template's value.
   */
  public String text(
      final Object raw, final Map<String, ?> variables, final UnaryOperator<String> fill) {
    if (raw == null) {
      return null;
    }
    if (isExpression(raw)) {
      return fill.apply(display(resolve(raw, variables)));
    }
    final String text = raw.toString();
    if (!text.contains("{{")) {
      return text;
    }
    final Matcher matcher = TEMPLATE.matcher(text);
    final StringBuilder filled = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(
          filled,
          Matcher.quoteReplacement(fill.apply(display(evaluate(matcher.group(1), variables)))));
    }
    matcher.appendTail(filled);
    return filled.toString();
  }

  /** A boolean property such as {@code readonly}: true only for {@code true} (or a true result). */
  public boolean isTrue(final Object raw, final Map<String, ?> variables) {
    final Object value = resolve(raw, variables);
    return Boolean.TRUE.equals(value) || "true".equals(value);
  }

  /** A numeric property such as {@code validate.min}; empty when absent or not a number. */
  public Optional<BigDecimal> number(final Object raw, final Map<String, ?> variables) {
    final Object value = resolve(raw, variables);
    if (value instanceof BigDecimal decimal) {
      return Optional.of(decimal);
    }
    if (value instanceof Number number) {
      return Optional.of(new BigDecimal(number.toString()));
    }
    if (value instanceof String text && !text.isBlank()) {
      try {
        return Optional.of(new BigDecimal(text.trim()));
      } catch (NumberFormatException notANumber) {
        LOG.warn("Form property value '{}' is not a number; ignored", text);
      }
    }
    return Optional.empty();
  }

  /** Whether {@code conditional.hide} of a component evaluates to true. */
  public boolean hides(final FormComponent component, final Map<String, ?> variables) {
    final String condition = component.hideCondition();
    if (condition == null || condition.isBlank()) {
      return false;
    }
    final String source = condition.startsWith("=") ? condition.substring(1) : condition;
    return Boolean.TRUE.equals(evaluate(source, variables));
  }

  /**
   * The FEEL syntax errors among a form's {@code =}-prefixed properties, each naming the component
   * and the property, so a broken expression is found when the form is loaded rather than when a
   * field silently stays visible.
   */
  public List<String> syntaxErrors(final FormSchema form) {
    final List<String> errors = new ArrayList<>();
    collectSyntaxErrors(form.components(), errors);
    return errors;
  }

  private void collectSyntaxErrors(
      final List<FormComponent> components, final List<String> errors) {
    for (final FormComponent component : components) {
      final Map<String, Object> properties = new LinkedHashMap<>();
      properties.put("label", component.label());
      properties.put("description", component.description());
      properties.put("readonly", component.readonly());
      properties.put("disabled", component.disabled());
      properties.put("valuesExpression", component.valuesExpression());
      properties.put("increment", component.increment());
      properties.put("dateLabel", component.dateLabel());
      properties.put("timeLabel", component.timeLabel());
      properties.put("text", component.text());
      properties.put("validate.minLength", component.rules().minLength());
      properties.put("validate.maxLength", component.rules().maxLength());
      properties.put("validate.min", component.rules().min());
      properties.put("validate.max", component.rules().max());
      if (component.appearance() != null) {
        properties.put("appearance.prefixAdorner", component.appearance().prefixAdorner());
        properties.put("appearance.suffixAdorner", component.appearance().suffixAdorner());
      }
      final String hide = component.hideCondition();
      if (hide != null && !hide.isBlank()) {
        properties.put("conditional.hide", hide.startsWith("=") ? hide : "=" + hide);
      }
      properties.forEach(
          (property, raw) -> {
            if (isExpression(raw)) {
              feel.parseError(((String) raw).substring(1))
                  .ifPresent(
                      problem ->
                          errors.add(
                              property
                                  + " of "
                                  + (component.key() != null ? component.key() : component.id())
                                  + " is not valid FEEL: "
                                  + problem));
            }
          });
      collectSyntaxErrors(component.components(), errors);
    }
  }

  /** How a variable value reads in a text: numbers plainly, lists comma-separated. */
  static String display(final Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    if (value instanceof Collection<?> items) {
      return items.stream().map(FormExpressions::display).collect(Collectors.joining(", "));
    }
    return value.toString();
  }

  private static Optional<Object> lookup(final Map<String, ?> variables, final String name) {
    return Optional.ofNullable(variables.get(name));
  }
}
