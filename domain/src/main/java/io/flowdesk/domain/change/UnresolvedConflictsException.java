package io.flowdesk.domain.change;

/**
 * A normal change with detected conflicts that nobody overrode may not be approved: whoever
 * authorizes it gives an override reason first (domain.change.conflict), or rejects it.
 */
public class UnresolvedConflictsException extends RuntimeException {

  private final String number;
  private final int conflicts;

  public UnresolvedConflictsException(final String number, final int conflicts) {
    super(
        "change "
            + number
            + " has "
            + conflicts
            + (conflicts == 1 ? " conflict" : " conflicts")
            + "; give an override reason");
    this.number = number;
    this.conflicts = conflicts;
  }

  public String number() {
    return number;
  }

  public int conflicts() {
    return conflicts;
  }
}
