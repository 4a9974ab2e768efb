package io.flowdesk.engine.feel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Evaluations that would run away are stopped at the bound, naming it. */
class FeelLimitsTest {

  private final FeelEvaluator feel =
      new FeelEvaluator(Instant::now, new FeelLimits(Duration.ofMillis(500), 1_000, 10_000));

  private FeelResult evaluate(final String source, final Map<String, Object> variables) {
    return feel.evaluate(source, name -> Optional.ofNullable(variables.get(name)));
  }

  private String failureOf(final String source, final Map<String, Object> variables) {
    final FeelResult result = evaluate(source, variables);
    assertThat(result).isInstanceOf(FeelResult.Failure.class);
    return ((FeelResult.Failure) result).message();
  }

  @Test
  void aLoopThatRunsPastTheTimeoutFailsAtTheTimeout() {
    // Within the size bounds, but FEEL appends to its result list in quadratic time: minutes.
    final long start = System.nanoTime();

    final String failure =
        failureOf(
            "count(for x in l return for y in l return for z in l return x + y + z)",
            Map.of("l", Collections.nCopies(900, 1)));

    assertThat(failure).isEqualTo("FEEL evaluation exceeded 500 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
  }

  @Test
  void aRegularExpressionThatBacktracksForHoursFailsAtTheTimeout() {
    // Exponential in the number of a's: 24 take a second, 34 take about twenty minutes.
    final Map<String, Object> variables = Map.of("text", "a".repeat(34), "pattern", "(a+)+\\1b");
    final long start = System.nanoTime();

    assertThat(failureOf("matches(text, pattern)", variables))
        .isEqualTo("FEEL evaluation exceeded 500 ms");
    assertThat(failureOf("replace(input: text, pattern: pattern, replacement: \"\")", variables))
        .isEqualTo("FEEL evaluation exceeded 500 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    assertThat(evaluate("replace(\"abc\", \"B\", \"x\", \"i\")", Map.of()))
        .isEqualTo(new FeelResult.Value("axc"));
  }

  @Test
  void aRangeLargerThanTheItemBoundIsRefusedBeforeItIsBuilt() {
    assertThat(failureOf("count(for x in 1..n return x)", Map.of("n", 300_000)))
        .isEqualTo(
            "FEEL evaluation would build the range 1..300000 of more than 1000 items (300000)");
    assertThat(evaluate("count(for x in 1..n return x)", Map.of("n", 1_000)))
        .isEqualTo(new FeelResult.Value(1_000L));
  }

  @Test
  void aListGrowingPastTheItemBoundFails() {
    assertThat(
            failureOf(
                "for i in 1..20 return if i = 1 then [1]"
                    + " else concatenate(partial[-1], partial[-1])",
                Map.of()))
        .isEqualTo("FEEL evaluation built a list of more than 1000 items");
  }

  @Test
  void aStringGrowingPastTheLengthBoundFails() {
    assertThat(
            failureOf(
                "for i in 1..20 return if i = 1 then \"ab\" else partial[-1] + partial[-1]",
                Map.of()))
        .isEqualTo("FEEL evaluation built a string of more than 10000 characters");
  }

  @Test
  void aLoopOverTooManyCombinationsIsRefusedBeforeTheyAreBuilt() {
    assertThat(failureOf("for a in 1..100, b in 1..100 return a * b", Map.of()))
        .isEqualTo(
            "FEEL evaluation would build the combinations of a loop over several lists"
                + " of more than 1000 items (10000)");
    assertThat(failureOf("some a in 1..100, b in 1..100 satisfies a > b", Map.of()))
        .startsWith("FEEL evaluation would build the combinations");
  }

  @Test
  void aLargeVariableCanStillBeRead() {
    final Map<String, Object> variables =
        Map.of("big", Collections.nCopies(5_000, 1), "text", "x".repeat(50_000));

    assertThat(evaluate("count(big)", variables)).isEqualTo(new FeelResult.Value(5_000L));
    assertThat(evaluate("text", variables)).isEqualTo(new FeelResult.Value("x".repeat(50_000)));
  }

  @Test
  void aConstantRangeLargerThanTheItemBoundIsRefusedWhenParsed() {
    assertThat(feel.parseError("count(for x in 1..300000 return x)"))
        .contains(
            "FEEL expression 'count(for x in 1..300000 return x)' cannot be evaluated:"
                + " the range 1..300000 has more than the 1000 items a FEEL evaluation may build");
    assertThat(feel.parseError("for x in 1..1000 return x")).isEmpty();
  }
}
