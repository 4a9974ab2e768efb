package io.flowdesk.connectors.rpa;

/**
 * A script that cannot run as written: malformed JSON, an unknown action, a missing or invalid
 * field, a reference to a variable nobody provides, or a secret the resolver does not know. Raised
 * before any browser work, so nothing was typed or submitted.
 */
public final class RpaScriptException extends RpaException {

  private static final long serialVersionUID = 1L;

  private final int stepIndex;
  private final String field;

  RpaScriptException(final int stepIndex, final String field, final String problem) {
    super(location(stepIndex, field) + problem);
    this.stepIndex = stepIndex;
    this.field = field;
  }

  /** Index (0-based, as in the {@code steps} array) of the offending step, or -1 for the script. */
  public int stepIndex() {
    return stepIndex;
  }

  /** The offending field, or null when the problem is not one field's. */
  public String field() {
    return field;
  }

  private static String location(final int stepIndex, final String field) {
    final String step = stepIndex < 0 ? "script" : "steps[" + stepIndex + "]";
    return "invalid RPA script: " + step + (field != null ? "." + field : "") + ": ";
  }
}
