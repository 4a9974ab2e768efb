package io.flowdesk.domain.change;

/** The change's window and CIs are planned while New, Assess or Authorize; later they are fixed. */
public class ChangeNotEditableException extends IllegalStateException {
  public ChangeNotEditableException(final String number, final ChangeState state) {
    super(
        "change "
            + number
            + " is "
            + state.label()
            + ": its planned window and CIs can only be changed while New, Assess or Authorize");
  }
}
