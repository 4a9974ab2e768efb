package io.flowdesk.engine.feel;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.camunda.feel.api.EvaluationFailure;
import org.camunda.feel.api.EvaluationResult;
import org.camunda.feel.api.FeelEngineApi;
import org.camunda.feel.api.FeelEngineBuilder;
import org.camunda.feel.api.ParseResult;
import org.camunda.feel.syntaxtree.ParsedExpression;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The engine's single gateway to FEEL. One instance holds one FEEL engine, which is immutable and
 * safe to share between threads.
 *
 * <p>Semantics follow Zeebe: a variable the lookup does not know evaluates to {@code null}, and so
 * do comparisons with {@code null}, unknown functions and type mismatches; FEEL reports those as
 * warnings (see {@link #evaluateWithWarnings}), not failures. Only syntax errors, failed {@code
 * assert(...)} calls and engine crashes come back as {@link FeelResult.Failure}.
 */
public final class FeelEvaluator {

  // Parsing dominates the cost of evaluating the small expressions found in BPMN models, and a
  // deployment evaluates the same few expressions over and over. The bound only guards against
  // unbounded growth from ad hoc expressions; clearing it wholesale is cheap and rare.
  private static final int MAX_CACHED_EXPRESSIONS = 10_000;

  private final FeelEngineApi engine;
  private final Map<String, ParsedExpression> parsed = new ConcurrentHashMap<>();

  public FeelEvaluator() {
    this(Instant::now);
  }

  /**
   * @param now the engine's time, so that FEEL's {@code now()} and {@code today()} follow the
   *     engine clock (as in Zeebe, where a test that moves the clock moves them too)
   */
  public FeelEvaluator(final Supplier<Instant> now) {
    this.engine =
        FeelEngineBuilder.create()
            .withCustomValueMapper(new KeepValMapper())
            .withClock(() -> ZonedDateTime.ofInstant(now.get(), ZoneId.systemDefault()))
            .build();
  }

  /**
   * Parses without evaluating; empty when the expression is valid, else a message naming the
   * problem (for deploy-time validation).
   */
  public Optional<String> parseError(final String feelSource) {
    if (feelSource == null) {
      return Optional.of("FEEL expression is missing");
    }
    final ParseResult result = engine.parseExpression(feelSource);
    return result.isSuccess() ? Optional.empty() : Optional.of(result.failure().message());
  }

  /**
   * Evaluates FEEL source (without the leading '='). Variables are looked up lazily by name through
   * the function (return Optional.empty() for unknown names); values are JSON-like Java values.
   */
  public FeelResult evaluate(
      final String feelSource, final Function<String, Optional<Object>> variables) {
    return evaluateWithWarnings(feelSource, variables).result();
  }

  /**
   * Like {@link #evaluate}, also returning the warnings FEEL collected, e.g. "[NO_VARIABLE_FOUND]
   * No variable found with name 'x'", for incident messages that explain an unexpected null.
   */
  public FeelEvaluation evaluateWithWarnings(
      final String feelSource, final Function<String, Optional<Object>> variables) {
    if (feelSource == null) {
      return failure("FEEL expression is missing");
    }
    try {
      ParsedExpression expression = parsed.get(feelSource);
      if (expression == null) {
        final ParseResult parse = engine.parseExpression(feelSource);
        if (!parse.isSuccess()) {
          return failure(parse.failure().message());
        }
        expression = remember(feelSource, parse.parsedExpression());
      }
      final EvaluationResult result =
          engine.evaluate(expression, new LazyVariableContext(variables));
      final List<String> warnings = warnings(result);
      return result.isSuccess()
          ? new FeelEvaluation(new FeelResult.Value(FeelValues.toJava(result.result())), warnings)
          : new FeelEvaluation(new FeelResult.Failure(result.failure().message()), warnings);
    } catch (RuntimeException | StackOverflowError e) {
      // The contract is to report, never throw: a crash inside the engine or the variable lookup
      // must become an incident, not take down the caller's transaction.
      return failure("failed to evaluate expression '" + feelSource + "': " + e);
    }
  }

  private ParsedExpression remember(final String feelSource, final ParsedExpression expression) {
    if (parsed.size() >= MAX_CACHED_EXPRESSIONS) {
      parsed.clear();
    }
    parsed.put(feelSource, expression);
    return expression;
  }

  private static FeelEvaluation failure(final String message) {
    return new FeelEvaluation(new FeelResult.Failure(message), List.of());
  }

  private static List<String> warnings(final EvaluationResult result) {
    return CollectionConverters.asJava(result.suppressedFailures()).stream()
        .map(FeelEvaluator::describe)
        .toList();
  }

  // The same "[TYPE] message" form FEEL and Zeebe print.
  private static String describe(final EvaluationFailure failure) {
    return "[" + failure.failureType() + "] " + failure.failureMessage();
  }
}
