package io.flowdesk.domain.record;

/** A state change a record's life cycle does not allow, e.g. canceling a fulfilled request. */
public class TransitionRefusedException extends RuntimeException {
  public TransitionRefusedException(
      final String noun, final String number, final Object from, final Object to) {
    super(noun + " " + number + " cannot go from " + from + " to " + to);
  }
}
