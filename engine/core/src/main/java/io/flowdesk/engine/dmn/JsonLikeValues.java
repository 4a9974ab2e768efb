package io.flowdesk.engine.dmn;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.feel.syntaxtree.Val;
import org.camunda.feel.valuemapper.ValueMapper;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Turns what dmn-scala hands back (FEEL values, Scala collections, {@code java.time} values) into
 * JSON-like Java, so the rest of the engine stores and serialises decision results like any other
 * variable.
 */
final class JsonLikeValues {

  private static final ValueMapper FEEL_VALUES = ValueMapper.defaultValueMapper();

  private JsonLikeValues() {}

  static Object toJava(final Object value) {
    if (value == null || value instanceof Boolean || value instanceof String) {
      return value;
    }
    if (value instanceof Val val) {
      // FEEL values without a plain form (functions, errors) unpack to themselves.
      final Object unpacked = FEEL_VALUES.unpackVal(val);
      return unpacked instanceof Val ? String.valueOf(unpacked) : toJava(unpacked);
    }
    if (value instanceof scala.Option<?> option) {
      return option.isEmpty() ? null : toJava(option.get());
    }
    if (value instanceof scala.math.BigDecimal decimal) {
      return number(decimal.bigDecimal());
    }
    if (value instanceof scala.math.BigInt integer) {
      return number(new BigDecimal(integer.bigInteger()));
    }
    if (value instanceof Number number) {
      return number(number);
    }
    // Scala maps are iterables of pairs, so they must be recognised before iterables.
    if (value instanceof scala.collection.Map<?, ?> map) {
      return toJavaMap(CollectionConverters.asJava(map));
    }
    if (value instanceof scala.collection.Iterable<?> iterable) {
      return toJavaList(CollectionConverters.asJava(iterable));
    }
    if (value instanceof Map<?, ?> map) {
      return toJavaMap(map);
    }
    if (value instanceof Iterable<?> iterable) {
      return toJavaList(iterable);
    }
    if (value instanceof Object[] array) {
      return toJavaList(Arrays.asList(array));
    }
    // java.time's toString is ISO-8601 for dates, times, date-times, durations and periods.
    if (value instanceof TemporalAccessor || value instanceof TemporalAmount) {
      return value.toString();
    }
    return String.valueOf(value);
  }

  private static Map<String, Object> toJavaMap(final Map<?, ?> map) {
    final Map<String, Object> converted = new LinkedHashMap<>();
    map.forEach((key, entry) -> converted.put(String.valueOf(key), toJava(entry)));
    return Collections.unmodifiableMap(converted);
  }

  private static List<Object> toJavaList(final Iterable<?> iterable) {
    final List<Object> converted = new ArrayList<>();
    iterable.forEach(element -> converted.add(toJava(element)));
    return Collections.unmodifiableList(converted);
  }

  /** Long for integral values that fit, Double when exact, BigDecimal otherwise. */
  private static Object number(final Number number) {
    if (number instanceof Long
        || number instanceof Integer
        || number instanceof Short
        || number instanceof Byte) {
      return number.longValue();
    }
    if (number instanceof Double || number instanceof Float) {
      final double value = number.doubleValue();
      return Double.isFinite(value) ? number(BigDecimal.valueOf(value)) : value;
    }
    if (number instanceof BigInteger integer) {
      return number(new BigDecimal(integer));
    }
    if (number instanceof BigDecimal decimal) {
      return decimalNumber(decimal);
    }
    return number(new BigDecimal(number.toString()));
  }

  private static Object decimalNumber(final BigDecimal decimal) {
    final BigDecimal stripped = decimal.stripTrailingZeros();
    if (stripped.scale() <= 0 && stripped.precision() - stripped.scale() <= 19) {
      try {
        return stripped.longValueExact();
      } catch (ArithmeticException tooLarge) {
        // 19 digits beyond Long.MAX_VALUE: fall through to Double or BigDecimal.
      }
    }
    final double asDouble = decimal.doubleValue();
    return Double.isFinite(asDouble) && BigDecimal.valueOf(asDouble).compareTo(decimal) == 0
        ? asDouble
        : decimal;
  }
}
