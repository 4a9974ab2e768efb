package io.flowdesk.app.forms;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code validate} rules of a field (and the number rules form-js adds: decimal digits and
 * increment), checked against a converted value. Each check yields at most one message, naming the
 * field by its label; the first broken rule wins, {@code required} first.
 */
final class FieldRules {

  private static final Pattern EMAIL = Pattern.compile("^[^\\s@]+@[^\\s@.]+(\\.[^\\s@.]+)+$");
  // E.164: a plus, a country code and up to 15 digits in all; spacing is the user's business.
  private static final Pattern PHONE = Pattern.compile("^\\+[1-9][0-9]{6,14}$");
  private static final Pattern PHONE_SPACING = Pattern.compile("[\\s\\-()./]");

  private final FormExpressions expressions;
  private final DatetimeFormats datetimes;

  FieldRules(final FormExpressions expressions, final DatetimeFormats datetimes) {
    this.expressions = expressions;
    this.datetimes = datetimes;
  }

  Optional<String> check(
      final FormField field, final String label, final Object value, final Map<String, ?> context) {
    final FormComponent.Validation rules = field.component().rules();
    if (isEmpty(value)) {
      return rules.isRequired() ? Optional.of(label + " is required.") : Optional.empty();
    }
    return switch (field.type()) {
      case TEXTFIELD, TEXTAREA -> text(rules, label, value.toString(), context);
      case NUMBER -> number(field.component(), label, new BigDecimal(value.toString()), context);
      case DATETIME -> datetime(field.component(), label, value);
      default -> Optional.empty();
    };
  }

  /** Empty as form-js sees it for {@code required}: nothing, blank text, unchecked, no choice. */
  static boolean isEmpty(final Object value) {
    return value == null
        || (value instanceof String text && text.isBlank())
        || Boolean.FALSE.equals(value)
        || (value instanceof Collection<?> items && items.isEmpty());
  }

  private Optional<String> text(
      final FormComponent.Validation rules,
      final String label,
      final String value,
      final Map<String, ?> context) {
    // form-js measures the trimmed text
    final String trimmed = value.trim();
    final int length = trimmed.codePointCount(0, trimmed.length());
    final Optional<BigDecimal> minLength = expressions.number(rules.minLength(), context);
    if (minLength.isPresent() && BigDecimal.valueOf(length).compareTo(minLength.get()) < 0) {
      return Optional.of(
          label + " must be at least " + plain(minLength.get()) + " characters long.");
    }
    final Optional<BigDecimal> maxLength = expressions.number(rules.maxLength(), context);
    if (maxLength.isPresent() && BigDecimal.valueOf(length).compareTo(maxLength.get()) > 0) {
      return Optional.of(
          label
              + " must be at most "
              + plain(maxLength.get())
              + " characters long (it has "
              + length
              + ").");
    }
    if (rules.pattern() != null
        && !rules.pattern().isEmpty()
        && !Pattern.compile(rules.pattern()).matcher(value).find()) {
      return Optional.of(label + " is not in the expected format.");
    }
    final String validationType =
        rules.validationType() == null ? "" : rules.validationType().toLowerCase(Locale.ROOT);
    if (validationType.equals("email") && !EMAIL.matcher(trimmed).matches()) {
      return Optional.of(label + " must be an email address like name@example.com.");
    }
    if (validationType.equals("phone")
        && !PHONE.matcher(PHONE_SPACING.matcher(trimmed).replaceAll("")).matches()) {
      return Optional.of(label + " must be an international phone number like +49 30 664040900.");
    }
    return Optional.empty();
  }

  private Optional<String> number(
      final FormComponent component,
      final String label,
      final BigDecimal value,
      final Map<String, ?> context) {
    final FormComponent.Validation rules = component.rules();
    final Optional<BigDecimal> min = expressions.number(rules.min(), context);
    if (min.isPresent() && value.compareTo(min.get()) < 0) {
      return Optional.of(label + " must be at least " + plain(min.get()) + ".");
    }
    final Optional<BigDecimal> max = expressions.number(rules.max(), context);
    if (max.isPresent() && value.compareTo(max.get()) > 0) {
      return Optional.of(label + " must be at most " + plain(max.get()) + ".");
    }
    final Integer digits = component.decimalDigits();
    if (digits != null && digits >= 0 && Math.max(0, value.stripTrailingZeros().scale()) > digits) {
      return Optional.of(
          digits == 0
              ? label + " must be a whole number."
              : label + " must have at most " + digits + " decimal digits.");
    }
    final Optional<BigDecimal> increment = expressions.number(component.increment(), context);
    if (increment.isPresent() && increment.get().signum() > 0) {
      final BigDecimal step = increment.get();
      final BigDecimal below =
          value.divide(step, 0, RoundingMode.FLOOR).multiply(step).stripTrailingZeros();
      if (below.compareTo(value) != 0) {
        return Optional.of(
            label
                + " must be in steps of "
                + plain(step)
                + "; the nearest valid values are "
                + plain(below)
                + " and "
                + plain(below.add(step))
                + ".");
      }
    }
    return Optional.empty();
  }

  private Optional<String> datetime(
      final FormComponent component, final String label, final Object value) {
    if (!Boolean.TRUE.equals(component.disallowPassedDates())) {
      return Optional.empty();
    }
    final LocalDate date = datetimes.localDate(component, value);
    if (date != null && date.isBefore(datetimes.today())) {
      return Optional.of(label + " must not be in the past.");
    }
    return Optional.empty();
  }

  private static String plain(final BigDecimal number) {
    return number.stripTrailingZeros().toPlainString();
  }
}
