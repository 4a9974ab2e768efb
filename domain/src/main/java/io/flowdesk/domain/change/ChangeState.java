package io.flowdesk.domain.change;

import java.util.EnumSet;
import java.util.Set;

/**
 * A change's life cycle, which depends on its {@link ChangeType}: a standard change goes from New
 * straight to Scheduled and closes after implementation; a normal change is assessed and authorized
 * before it is scheduled and reviewed before it closes; an emergency change is authorized, then
 * implemented at once and always reviewed. Until implementation begins a change may be canceled;
 * Closed and Canceled are final.
 */
public enum ChangeState {
  NEW("New"),
  ASSESS("Assess"),
  AUTHORIZE("Authorize"),
  SCHEDULED("Scheduled"),
  IMPLEMENT("Implement"),
  REVIEW("Review"),
  CLOSED("Closed"),
  CANCELED("Canceled");

  private final String label;

  ChangeState(final String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** Whether the change is over (closed or canceled). */
  public boolean isFinal() {
    return this == CLOSED || this == CANCELED;
  }

  /** Whether a change of {@code type} may go from this state to {@code next}. */
  public boolean allows(final ChangeType type, final ChangeState next) {
    return this == next || next(type).contains(next);
  }

  /** The states a change of {@code type} may go to from this one. */
  public Set<ChangeState> next(final ChangeType type) {
    return switch (this) {
      case NEW ->
          switch (type) {
            case STANDARD -> EnumSet.of(SCHEDULED, CANCELED);
            case NORMAL -> EnumSet.of(ASSESS, CANCELED);
            case EMERGENCY -> EnumSet.of(AUTHORIZE, CANCELED);
          };
      case ASSESS -> EnumSet.of(AUTHORIZE, CANCELED);
      // Only an emergency change is implemented straight after its authorization.
      case AUTHORIZE ->
          type == ChangeType.EMERGENCY
              ? EnumSet.of(IMPLEMENT, CANCELED)
              : EnumSet.of(SCHEDULED, CANCELED);
      case SCHEDULED -> EnumSet.of(IMPLEMENT, CANCELED);
      // The review is mandatory for normal and emergency changes.
      case IMPLEMENT ->
          type == ChangeType.STANDARD ? EnumSet.of(REVIEW, CLOSED) : EnumSet.of(REVIEW);
      case REVIEW -> EnumSet.of(CLOSED);
      case CLOSED, CANCELED -> EnumSet.noneOf(ChangeState.class);
    };
  }
}
