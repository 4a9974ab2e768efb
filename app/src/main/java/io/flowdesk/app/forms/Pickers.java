package io.flowdesk.app.forms;

/**
 * Text fields that pick a record instead of taking free text: a form-js {@code textfield} with the
 * custom property {@code flowdesk:picker} (set in Camunda Modeler under "Custom properties"). The
 * field posts the text shown and, when the browser's picker chose one, the record's id in a second
 * parameter ({@link #CHOSEN_PREFIX} + the field's name); the server resolves both into the value
 * stored, so the form also works without JavaScript (exact name typed). Implemented by the feature
 * that owns the records (the CMDB's {@code ci} picker).
 */
public interface Pickers {

  /** The custom property that asks for a picker, and its values name the picker. */
  String PROPERTY = "flowdesk:picker";

  /** Prefix of the parameter that carries the id the picker chose. */
  String CHOSEN_PREFIX = "chosen:";

  /** What a picker made of a field's input. */
  sealed interface Picked {

    /** The value to store (the record's id; the typed text where the picker keeps text). */
    record Value(Object value) implements Picked {}

    /** The input names no record; the message names the field. */
    record Problem(String message) implements Picked {}
  }

  /** No pickers: picker fields stay plain text fields. */
  Pickers NONE =
      new Pickers() {
        @Override
        public boolean knows(final String picker) {
          return false;
        }

        @Override
        public Picked pick(
            final String picker, final String label, final String text, final String chosenId) {
          return new Picked.Value(text);
        }

        @Override
        public String display(final String picker, final Object stored) {
          return stored == null ? "" : stored.toString();
        }
      };

  /** Whether {@code picker} is one of these (an unknown one leaves a plain text field). */
  boolean knows(String picker);

  /**
   * @param text what the field shows (typed, or the picked record's name)
   * @param chosenId the id the browser's picker chose; null without JavaScript or when none was
   */
  Picked pick(String picker, String label, String text, String chosenId);

  /** The text a field shows for a stored value (a record's name for its id). */
  String display(String picker, Object stored);
}
