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
import org.camunda.feel.syntaxtree.Exp;
import org.camunda.feel.syntaxtree.ParsedExpression;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The engine's single gateway to FEEL. One instance holds one FEEL engine, which is immutable and
 * safe to share between threads.
 *
 * <p>Semantics follow Zeebe: a variable the lookup does not know evaluates to {@code null}, and so
 * do comparisons with {@code null}, unknown functions and type mismatches; FEEL reports those as
 * warnings (see {@link #evaluateWithWarnings}), not failures. Only syntax errors, failed {@code
 * assert(...)} calls, engine crashes and evaluations that ran past their {@link FeelLimits} come
 * back as {@link FeelResult.Failure}.
 */
public final class FeelEvaluator {

  // Parsing dominates the cost of evaluating the small expressions found in BPMN models, and a
  // deployment evaluates the same few expressions over and over. The bound only guards against
  // unbounded growth from ad hoc expressions; clearing it wholesale is cheap and rare.
  private static final int MAX_CACHED_EXPRESSIONS = 10_000;

  // Loops, conditions, filters, functions and string operations: evaluated once when the evaluator
  // is built, so that loading the FEEL engine's classes and code is not charged to the time bound
  // of the first evaluations after start-up.
  private static final String WARM_UP =
      "for i in 1..3 return if i = 1 then \"a\" else string length(partial[-1] + \"b\") > 0"
          + " and count([1, 2][item > 1]) = 1 and (some x in [1] satisfies x = 1)"
          + " and {a: 1}.a = 1 and sum([1]) = 1";

  private final FeelEngineApi engine;
  private final FeelBounds bounds;
  private final Map<String, ParsedExpression> parsed = new ConcurrentHashMap<>();

  /** System time and the default {@link FeelLimits}. */
  public FeelEvaluator() {
    this(Instant::now, FeelLimits.DEFAULT);
  }

  /**
   * @param now the engine's time, so that FEEL's {@code now()} and {@code today()} follow the
   *     engine clock (as in Zeebe, where a test that moves the clock moves them too)
   * @param limits how long each evaluation may run and how large the values it builds may be
   */
  public FeelEvaluator(final Supplier<Instant> now, final FeelLimits limits) {
    this.bounds = new FeelBounds(limits);
    this.engine =
        bounds.install(
            FeelEngineBuilder.create()
                .withCustomValueMapper(new KeepValMapper())
                .withFunctionProvider(new FromAiFunction())
                .withClock(() -> ZonedDateTime.ofInstant(now.get(), ZoneId.systemDefault()))
                .build());
    engine.evaluate(engine.parseExpression(WARM_UP).parsedExpression(), Map.of());
  }

  /**
   * Parses without evaluating; empty when the expression is valid, else a message naming the
   * problem (for deploy-time validation): a syntax error, or a constant range larger than {@link
   * FeelLimits#maxItems()}, which would fail every evaluation.
   */
  public Optional<String> parseError(final String feelSource) {
    if (feelSource == null) {
      return Optional.of("FEEL expression is missing");
    }
    final ParseResult result = engine.parseExpression(feelSource);
    if (!result.isSuccess()) {
      return Optional.of(result.failure().message());
    }
    return OversizedRanges.find(result.parsedExpression().expression(), bounds.limits())
        .map(range -> "FEEL expression '" + feelSource + "' cannot be evaluated: " + range);
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
      final ParsedExpression bounded = expression;
      final EvaluationResult result =
          bounds.enforce(() -> engine.evaluate(bounded, new LazyVariableContext(variables)));
      final List<String> warnings = warnings(result);
      return result.isSuccess()
          ? new FeelEvaluation(new FeelResult.Value(FeelValues.toJava(result.result())), warnings)
          : new FeelEvaluation(new FeelResult.Failure(result.failure().message()), warnings);
    } catch (FeelLimitExceeded e) {
      return failure(e.getMessage());
    } catch (RuntimeException | StackOverflowError e) {
      // The contract is to report, never throw: a crash inside the engine or the variable lookup
      // must become an incident, not take down the caller's transaction.
      return failure("failed to evaluate expression '" + feelSource + "': " + e);
    }
  }

  /**
   * The parameters the {@code fromAi(...)} calls of FEEL source describe ({@link
   * FromAiParameters}), in the order they appear; empty when there are none or the source does not
   * parse.
   */
  public List<Map<String, Object>> fromAiParameters(final String feelSource) {
    if (feelSource == null || !feelSource.contains(FromAiFunction.NAME)) {
      return List.of();
    }
    ParsedExpression expression = parsed.get(feelSource);
    if (expression == null) {
      final ParseResult parse = engine.parseExpression(feelSource);
      if (!parse.isSuccess()) {
        return List.of();
      }
      expression = remember(feelSource, parse.parsedExpression());
    }
    return FromAiParameters.of(expression.expression(), this::evaluateConstant);
  }

  /** A constant part of an expression (a schema), evaluated without variables; null on failure. */
  private Object evaluateConstant(final Exp constant) {
    try {
      final EvaluationResult result =
          bounds.enforce(
              () ->
                  engine.evaluate(
                      new ParsedExpression(constant, "fromAi argument"),
                      new LazyVariableContext(name -> Optional.empty())));
      return result.isSuccess() ? FeelValues.toJava(result.result()) : null;
    } catch (RuntimeException e) {
      // A bound exceeded or a crash: the parameter is listed without it.
      return null;
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
