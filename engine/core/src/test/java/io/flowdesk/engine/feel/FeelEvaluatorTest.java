package io.flowdesk.engine.feel;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class FeelEvaluatorTest {

  private final FeelEvaluator feel = new FeelEvaluator();

  private static Function<String, Optional<Object>> vars(final Map<String, Object> values) {
    return name -> Optional.ofNullable(values.get(name));
  }

  private static final Function<String, Optional<Object>> NO_VARS = name -> Optional.empty();

  private Object valueOf(final String source, final Map<String, Object> variables) {
    final FeelResult result = feel.evaluate(source, vars(variables));
    assertThat(result).isInstanceOf(FeelResult.Value.class);
    return ((FeelResult.Value) result).value();
  }

  private Object valueOf(final String source) {
    return valueOf(source, Map.of());
  }

  @Test
  void arithmetic() {
    assertThat(valueOf("1 + 2 * 3")).isEqualTo(7L);
    assertThat(valueOf("a * b", Map.of("a", 6, "b", 7L))).isEqualTo(42L);
  }

  @Test
  void stringConcatenation() {
    assertThat(valueOf("\"Hello \" + name", Map.of("name", "Ada"))).isEqualTo("Hello Ada");
  }

  @Test
  void pathIntoNestedMap() {
    final Map<String, Object> order =
        Map.of("items", List.of(Map.of("price", 10), Map.of("price", new BigDecimal("2.5"))));

    assertThat(valueOf("order.items[1].price", Map.of("order", order))).isEqualTo(10L);
    assertThat(valueOf("order.items[2].price", Map.of("order", order))).isEqualTo(2.5);
    assertThat(valueOf("order.items.price", Map.of("order", order))).isEqualTo(List.of(10L, 2.5));
  }

  @Test
  void listFunctions() {
    final Map<String, Object> variables = Map.of("items", List.of(3, 1, 2));

    assertThat(valueOf("count(items)", variables)).isEqualTo(3L);
    assertThat(valueOf("sum(items)", variables)).isEqualTo(6L);
    assertThat(valueOf("sort(items, function(a, b) a < b)", variables))
        .isEqualTo(List.of(1L, 2L, 3L));
    assertThat(valueOf("list contains(items, 2)", variables)).isEqualTo(true);
  }

  @Test
  void variablesAreLookedUpLazilyByName() {
    final List<String> asked = new java.util.ArrayList<>();

    feel.evaluate(
        "a + 1",
        name -> {
          asked.add(name);
          return Optional.of(1);
        });

    assertThat(asked).containsExactly("a");
  }

  @Test
  void unknownVariableIsNull() {
    final FeelEvaluation evaluation = feel.evaluateWithWarnings("missing", NO_VARS);

    assertThat(evaluation.result()).isEqualTo(new FeelResult.Value(null));
    assertThat(evaluation.warnings())
        .containsExactly("[NO_VARIABLE_FOUND] No variable found with name 'missing'");
  }

  @Test
  void pathIntoUnknownVariableIsNull() {
    assertThat(feel.evaluate("missing.field", NO_VARS)).isEqualTo(new FeelResult.Value(null));
  }

  @Test
  void comparisonWithUnknownIsNullNotFailure() {
    assertThat(feel.evaluate("missing > 3", NO_VARS)).isEqualTo(new FeelResult.Value(null));
    assertThat(feel.evaluate("missing = null", NO_VARS)).isEqualTo(new FeelResult.Value(true));
  }

  @Test
  void nullVariableValueInMapIsNull() {
    final Map<String, Object> withNull = new HashMap<>();
    withNull.put("a", null);

    assertThat(valueOf("x.a", Map.of("x", withNull))).isNull();
  }

  @Test
  void unknownFunctionIsNullWithWarningLikeZeebe() {
    final FeelEvaluation evaluation = feel.evaluateWithWarnings("nope(1)", NO_VARS);

    assertThat(evaluation.result()).isEqualTo(new FeelResult.Value(null));
    assertThat(evaluation.warnings()).anySatisfy(w -> assertThat(w).contains("nope"));
  }

  @Test
  void syntaxErrorReportedByParseError() {
    assertThat(feel.parseError("1 +")).hasValueSatisfying(m -> assertThat(m).contains("1 +"));
    assertThat(feel.parseError("a > 1 and b")).isEmpty();
  }

  @Test
  void syntaxErrorReportedByEvaluateAsFailure() {
    final FeelResult result = feel.evaluate("1 +", NO_VARS);

    assertThat(result).isInstanceOf(FeelResult.Failure.class);
    assertThat(((FeelResult.Failure) result).message()).contains("failed to parse expression");
  }

  @Test
  void failedAssertionIsFailure() {
    final FeelResult result = feel.evaluate("assert(x, x != null, \"x is required\")", NO_VARS);

    assertThat(result).isInstanceOf(FeelResult.Failure.class);
    assertThat(((FeelResult.Failure) result).message()).contains("x is required");
  }

  @Test
  void crashInVariableLookupIsFailureNotException() {
    final FeelResult result =
        feel.evaluate(
            "a",
            name -> {
              throw new IllegalStateException("scope gone");
            });

    assertThat(result).isInstanceOf(FeelResult.Failure.class);
    assertThat(((FeelResult.Failure) result).message()).contains("scope gone");
  }

  @Test
  void contextLiteralReturnsNestedMapAndList() {
    assertThat(valueOf("{a: 1, b: [1,2]}")).isEqualTo(Map.of("a", 1L, "b", List.of(1L, 2L)));
    assertThat(valueOf("{outer: {inner: \"x\"}, n: null}"))
        .isEqualTo(mapOf("outer", Map.of("inner", "x"), "n", null));
  }

  @Test
  void inputMapRoundTripsThroughContextFunctions() {
    final Map<String, Object> order = Map.of("id", "o-1", "total", 12.5);

    assertThat(valueOf("context put(order, \"paid\", true)", Map.of("order", order)))
        .isEqualTo(Map.of("id", "o-1", "total", 12.5, "paid", true));
  }

  @Test
  void dateFunctionReturnsIsoString() {
    assertThat(valueOf("date(\"2024-01-02\") + duration(\"P1D\")")).isEqualTo("2024-01-03");
    assertThat(valueOf("date and time(\"2024-01-02T10:00:00\")")).isEqualTo("2024-01-02T10:00:00");
    assertThat(valueOf("date and time(\"2024-01-02T10:00:00@Europe/Berlin\")"))
        .isEqualTo("2024-01-02T10:00:00+01:00");
    assertThat(valueOf("time(\"10:15:30\")")).isEqualTo("10:15:30");
  }

  @Test
  void durationsReturnIsoStrings() {
    assertThat(valueOf("duration(\"PT90M\")")).isEqualTo("PT1H30M");
    assertThat(valueOf("duration(\"P1D\")")).isEqualTo("P1D");
    assertThat(valueOf("duration(\"P14M\")")).isEqualTo("P1Y2M");
  }

  @Test
  void integerResultsComeBackAsLong() {
    assertThat(valueOf("2.0 * 3")).isInstanceOf(Long.class).isEqualTo(6L);
    assertThat(valueOf("x + 1", Map.of("x", BigInteger.valueOf(41)))).isEqualTo(42L);
    assertThat(valueOf("x", Map.of("x", Integer.MAX_VALUE))).isEqualTo((long) Integer.MAX_VALUE);
  }

  @Test
  void decimalsComeBackAsNumberWithTheRightValue() {
    final Object sum = valueOf("0.1 + 0.2");
    assertThat(sum).isInstanceOf(Number.class);
    assertThat(new BigDecimal(sum.toString())).isEqualByComparingTo("0.3");

    assertThat(((Number) valueOf("10 / 4")).doubleValue()).isEqualTo(2.5);
    assertThat(((Number) valueOf("x * 2", Map.of("x", 1.25d))).doubleValue()).isEqualTo(2.5);
  }

  @Test
  void integersBeyondLongStayNumeric() {
    final Object big = valueOf("9223372036854775807 * 10");

    assertThat(big).isInstanceOf(Double.class);
    assertThat((Double) big).isEqualTo(9.223372036854775807e19);
  }

  @Test
  void functionValuesBecomeNull() {
    assertThat(valueOf("function(x) x + 1")).isNull();
  }

  @Test
  void evaluatorIsReusableAcrossCalls() {
    assertThat(valueOf("x + 1", Map.of("x", 1))).isEqualTo(2L);
    assertThat(valueOf("x + 1", Map.of("x", 2))).isEqualTo(3L);
  }

  private static Map<String, Object> mapOf(
      final String k1, final Object v1, final String k2, final Object v2) {
    final Map<String, Object> map = new HashMap<>();
    map.put(k1, v1);
    map.put(k2, v2);
    return map;
  }
}
