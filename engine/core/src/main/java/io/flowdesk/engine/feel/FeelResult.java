package io.flowdesk.engine.feel;

/**
 * Outcome of evaluating a FEEL expression. FEEL itself is lenient (unknown variables, bad types and
 * unknown functions yield {@code null}), so {@link Failure} only covers what the engine treats as
 * hard errors: syntax errors, failed {@code assert(...)} calls and unexpected engine crashes.
 */
public sealed interface FeelResult permits FeelResult.Value, FeelResult.Failure {

  /** A successful result; {@code value} is JSON-like Java and may be {@code null}. */
  record Value(Object value) implements FeelResult {}

  /** A parse or evaluation failure; {@code message} is the engine's description of the problem. */
  record Failure(String message) implements FeelResult {}
}
