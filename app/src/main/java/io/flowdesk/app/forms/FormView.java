package io.flowdesk.app.forms;

import java.util.List;

/**
 * A form ready for {@code templates/forms/fields.html}: rows of fields with their values, labels
 * and errors resolved, plus a summary of all errors for the top of the form.
 *
 * @param formId the form's id
 * @param htmlId the id of the {@code <form>} element
 * @param rows the visible components, row by row as the form's layout places them
 * @param errors every error, each linking to its field when it has one
 * @param hasSubmitButton whether the form brings its own submit button
 * @param submitLabel the label of the button added when it does not
 */
public record FormView(
    String formId,
    String htmlId,
    List<Row> rows,
    List<ErrorLink> errors,
    boolean hasSubmitButton,
    String submitLabel) {

  /** The same form with another label on the added submit button (e.g. "Complete task"). */
  public FormView withSubmitLabel(final String label) {
    return new FormView(formId, htmlId, rows, errors, hasSubmitButton, label);
  }

  /** Components that share a line. */
  public record Row(List<FieldView> fields) {}

  /** An error in the summary; {@code href} is null when no field shows it. */
  public record ErrorLink(String href, String message) {}

  /** An option of a select, radio, checklist or taglist. */
  public record OptionView(String htmlId, String value, String label, boolean selected) {}
}
