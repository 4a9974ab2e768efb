package io.flowdesk.app.forms;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the strings a browser posts for one field into the value the field stores, by component
 * type: text as is, numbers as {@link Long} or {@link BigDecimal}, a checkbox as a boolean,
 * checklists and taglists as lists, options as the option's own value, dates as ISO strings. Empty
 * input becomes the empty value form-js submits for the type.
 */
final class FieldParser {

  /** The outcome for one field: a value, or a message saying why the input is not one. */
  sealed interface Parsed {

    /** The input converted; {@code value} may be null (an empty number, select or date). */
    record Ok(Object value) implements Parsed {}

    /** The input cannot be converted; the message names the field. */
    record Failed(String message) implements Parsed {}
  }

  // Plain decimals only: exponent notation such as 1e999999999 would let a post make the server
  // compute with numbers of a billion digits.
  private static final Pattern PLAIN_NUMBER =
      Pattern.compile("^[+-]?(\\d{1,40}(\\.\\d{0,40})?|\\.\\d{1,40})$");

  private final DatetimeFormats datetimes;

  FieldParser(final DatetimeFormats datetimes) {
    this.datetimes = datetimes;
  }

  /**
   * @param posted the field's parameter values, empty when it was not posted (an unchecked
   *     checkbox, an empty checklist)
   * @param options the field's options (only used by option types)
   */
  Parsed parse(
      final FormField field,
      final String label,
      final List<String> posted,
      final List<FieldOptions.Choice> options) {
    final ComponentType type = field.type();
    if (type.isMultiValued()) {
      return options(label, posted, options);
    }
    if (posted.size() > 1) {
      return new Parsed.Failed(label + " takes a single value, not " + posted.size() + ".");
    }
    final String input = posted.isEmpty() ? "" : posted.get(0);
    return switch (type) {
      case TEXTFIELD -> new Parsed.Ok(input);
      // Browsers post line breaks as CRLF; variables should not depend on the browser.
      case TEXTAREA -> new Parsed.Ok(input.replace("\r\n", "\n"));
      case NUMBER -> number(field.component(), label, input);
      case CHECKBOX -> checkbox(label, input);
      case SELECT, RADIO -> option(label, input, options);
      case DATETIME -> datetime(field.component(), label, input);
      default -> throw new IllegalArgumentException(type + " is not an input type");
    };
  }

  private static Parsed number(final FormComponent component, final String label, String input) {
    input = input.trim();
    if (input.isEmpty()) {
      return new Parsed.Ok(null);
    }
    // form-js accepts a decimal comma as well
    final String normalized = input.replace(',', '.');
    if (!PLAIN_NUMBER.matcher(normalized).matches()) {
      return new Parsed.Failed(label + " must be a number.");
    }
    final BigDecimal number = new BigDecimal(normalized);
    if (Boolean.TRUE.equals(component.serializeToString())) {
      // Strings keep what was typed, leading zeros included: that is why a form asks for them.
      return new Parsed.Ok(normalized);
    }
    return new Parsed.Ok(wholeOrDecimal(number));
  }

  /** Whole numbers that fit become {@link Long}, so the variable is an integer in JSON. */
  static Number wholeOrDecimal(final BigDecimal number) {
    final BigDecimal stripped = number.stripTrailingZeros();
    if (stripped.scale() <= 0) {
      try {
        return stripped.longValueExact();
      } catch (ArithmeticException tooLarge) {
        return stripped;
      }
    }
    return number;
  }

  private static Parsed checkbox(final String label, final String input) {
    return switch (input.toLowerCase(Locale.ROOT)) {
      case "", "false" -> new Parsed.Ok(false);
      case "true", "on" -> new Parsed.Ok(true);
      default -> new Parsed.Failed(label + " must be checked or unchecked.");
    };
  }

  private static Parsed option(
      final String label, final String input, final List<FieldOptions.Choice> options) {
    if (input.isEmpty()) {
      return new Parsed.Ok(null);
    }
    for (final FieldOptions.Choice choice : options) {
      if (choice.formValue().equals(input)) {
        return new Parsed.Ok(choice.value());
      }
    }
    return new Parsed.Failed(notAnOption(label, input));
  }

  private static Parsed options(
      final String label, final List<String> posted, final List<FieldOptions.Choice> options) {
    final Set<String> chosen = new LinkedHashSet<>();
    for (final String input : posted) {
      if (!input.isEmpty()) {
        chosen.add(input);
      }
    }
    final List<Object> values = new ArrayList<>();
    for (final String input : chosen) {
      final Object value =
          options.stream()
              .filter(choice -> choice.formValue().equals(input))
              .map(FieldOptions.Choice::value)
              .findFirst()
              .orElse(null);
      if (value == null) {
        return new Parsed.Failed(notAnOption(label, input));
      }
      values.add(value);
    }
    return new Parsed.Ok(List.copyOf(values));
  }

  private Parsed datetime(final FormComponent component, final String label, final String input) {
    if (input.isBlank()) {
      return new Parsed.Ok(null);
    }
    try {
      return new Parsed.Ok(datetimes.store(component, input));
    } catch (DateTimeException unreadable) {
      final DatetimeFormats.Subtype subtype = DatetimeFormats.subtype(component);
      final String what =
          switch (subtype) {
            case DATE -> "a date";
            case TIME -> "a time";
            case DATETIME -> "a date and time";
          };
      return new Parsed.Failed(label + " must be " + what + " like " + subtype.example() + ".");
    }
  }

  private static String notAnOption(final String label, final String input) {
    return "\"" + abbreviate(input) + "\" is not one of the options of " + label + ".";
  }

  // Echoing a whole tampered post into a message helps nobody.
  private static String abbreviate(final String input) {
    return input.length() <= 40 ? input : input.substring(0, 40) + "…";
  }
}
