package io.flowdesk.engine.dmn;

/** Outcome of parsing a {@code .dmn} resource: a deployable DRG or the reason it was rejected. */
public sealed interface DmnParseResult {

  /** The resource parsed into an evaluable decision requirements graph. */
  record Valid(ParsedDrg drg) implements DmnParseResult {}

  /**
   * The resource was rejected; deployments report {@code message} to the client as is.
   *
   * @param message names the resource and the problem
   */
  record Invalid(String message) implements DmnParseResult {}
}
