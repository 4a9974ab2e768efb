package io.flowdesk.domain.problem;

import java.util.EnumSet;
import java.util.Set;

/**
 * A problem's life cycle: assessed, its root cause found, a fix (changes raised from it) carried
 * out, resolved and closed. A fix that does not hold sends it back to root cause analysis; a
 * resolution that does not hold reopens the fix. Until it is resolved it may be canceled (a
 * duplicate, or no problem after all); Closed and Canceled are final.
 */
public enum ProblemState {
  NEW("New"),
  ASSESS("Assess"),
  ROOT_CAUSE_ANALYSIS("Root cause analysis"),
  FIX_IN_PROGRESS("Fix in progress"),
  RESOLVED("Resolved"),
  CLOSED("Closed"),
  CANCELED("Canceled");

  private final String label;

  ProblemState(final String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** Whether the problem is over (closed or canceled). */
  public boolean isFinal() {
    return this == CLOSED || this == CANCELED;
  }

  /** Whether it is still being worked: neither resolved nor over. */
  public boolean isOpen() {
    return this != RESOLVED && !isFinal();
  }

  /** Whether the problem may go from this state to {@code next}. */
  public boolean allows(final ProblemState next) {
    return this == next || next().contains(next);
  }

  /** The states a problem may go to from this one. */
  public Set<ProblemState> next() {
    return switch (this) {
      case NEW -> EnumSet.of(ASSESS, CANCELED);
      case ASSESS -> EnumSet.of(ROOT_CAUSE_ANALYSIS, CANCELED);
      // A cause without a change to fix it (e.g. fixed by configuration) resolves at once.
      case ROOT_CAUSE_ANALYSIS -> EnumSet.of(FIX_IN_PROGRESS, RESOLVED, CANCELED);
      case FIX_IN_PROGRESS -> EnumSet.of(RESOLVED, ROOT_CAUSE_ANALYSIS, CANCELED);
      case RESOLVED -> EnumSet.of(CLOSED, FIX_IN_PROGRESS);
      case CLOSED, CANCELED -> EnumSet.noneOf(ProblemState.class);
    };
  }
}
