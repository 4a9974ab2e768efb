package io.flowdesk.app.change;

import java.util.Map;

/**
 * A change draft that {@link ChangeDrafts} refused: one message per field, for a page to show at
 * each field. Nothing was written.
 */
public class ChangeDraftRefusedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final Map<String, String> problems;

  ChangeDraftRefusedException(final Map<String, String> problems) {
    super("the change is not complete: " + problems, null, false, false);
    this.problems = Map.copyOf(problems);
  }

  /** The message for each field, by the draft's field names. */
  public Map<String, String> problems() {
    return problems;
  }
}
