package io.flowdesk.engine.feel;

import static java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME;
import static java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.feel.syntaxtree.Val;
import org.camunda.feel.syntaxtree.ValBoolean;
import org.camunda.feel.syntaxtree.ValContext;
import org.camunda.feel.syntaxtree.ValDate;
import org.camunda.feel.syntaxtree.ValDateTime;
import org.camunda.feel.syntaxtree.ValDayTimeDuration;
import org.camunda.feel.syntaxtree.ValList;
import org.camunda.feel.syntaxtree.ValLocalDateTime;
import org.camunda.feel.syntaxtree.ValLocalTime;
import org.camunda.feel.syntaxtree.ValNumber;
import org.camunda.feel.syntaxtree.ValString;
import org.camunda.feel.syntaxtree.ValTime;
import org.camunda.feel.syntaxtree.ValYearMonthDuration;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Converts FEEL values to JSON-like Java, following the rules Zeebe uses when it stores a FEEL
 * result as a variable: whole numbers become integers, other numbers floating point, temporal
 * values ISO-8601 strings, and values without a JSON form (functions, ranges) null.
 */
final class FeelValues {

  private FeelValues() {}

  static Object toJava(final Object value) {
    if (!(value instanceof Val)) {
      // Only a Val can come out of the engine; anything else has no defined JSON form.
      return null;
    }
    if (value instanceof ValBoolean bool) {
      return bool.value();
    }
    if (value instanceof ValString string) {
      return string.value();
    }
    if (value instanceof ValNumber number) {
      return number(number.value().bigDecimal());
    }
    if (value instanceof ValList list) {
      return list(list);
    }
    if (value instanceof ValContext context) {
      return map(context);
    }
    return temporal(value);
  }

  /**
   * Integral values that fit become {@link Long}; the rest {@link Double}, which Jackson writes and
   * reads back as the same number. Only values beyond double's range stay {@link BigDecimal}, as a
   * double would turn them into infinity, which JSON cannot represent.
   */
  static Number number(final BigDecimal value) {
    if (isWhole(value)) {
      try {
        return value.longValueExact();
      } catch (ArithmeticException tooLarge) {
        // falls through to the floating point forms
      }
    }
    final double asDouble = value.doubleValue();
    return Double.isInfinite(asDouble) ? value : asDouble;
  }

  private static boolean isWhole(final BigDecimal value) {
    return value.signum() == 0 || value.scale() <= 0 || value.stripTrailingZeros().scale() <= 0;
  }

  private static List<Object> list(final ValList list) {
    final List<Object> result = new ArrayList<>(list.items().size());
    for (final Val item : CollectionConverters.asJava(list.items())) {
      result.add(toJava(item));
    }
    return result;
  }

  private static Map<String, Object> map(final ValContext context) {
    final Map<String, Object> result = new LinkedHashMap<>();
    final Map<String, Object> entries =
        CollectionConverters.asJava(context.context().variableProvider().getVariables());
    entries.forEach((key, entry) -> result.put(key, toJava(entry)));
    return result;
  }

  private static Object temporal(final Object value) {
    if (value instanceof ValDate date) {
      return date.value().toString();
    }
    if (value instanceof ValLocalTime time) {
      return time.value().toString();
    }
    if (value instanceof ValTime time) {
      return time.value().format();
    }
    if (value instanceof ValLocalDateTime dateTime) {
      return ISO_LOCAL_DATE_TIME.format(dateTime.value());
    }
    if (value instanceof ValDateTime dateTime) {
      // Offset rather than zone id: the form Zeebe writes and every ISO-8601 parser reads.
      return ISO_OFFSET_DATE_TIME.format(dateTime.value());
    }
    if (value instanceof ValDayTimeDuration duration) {
      return ValDayTimeDuration.format(duration.value());
    }
    if (value instanceof ValYearMonthDuration duration) {
      return ValYearMonthDuration.format(duration.value());
    }
    // null, functions and ranges
    return null;
  }
}
