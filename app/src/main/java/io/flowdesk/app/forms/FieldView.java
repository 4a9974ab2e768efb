package io.flowdesk.app.forms;

import java.util.ArrayList;
import java.util.List;

/**
 * One component as {@code templates/forms/fields.html} shows it. {@link #kind()} picks the markup
 * (the form-js type name, or {@code unsupported}); properties a kind does not use are null.
 */
public final class FieldView {

  private final String kind;
  private final String htmlId;
  private String name;
  private String label;
  private String description;
  private boolean required;
  private boolean readonly;
  private boolean disabled;
  private String value = "";
  private boolean checked;
  private List<FormView.OptionView> options = List.of();
  private String error;
  private String prefix;
  private String suffix;
  private String inputType;
  private String min;
  private String step;
  private String html;
  private List<FormView.Row> rows = List.of();
  private boolean outlined;
  private Integer height;
  private String columns = "fd-col-auto";
  private String picker;
  private String chosenId;

  FieldView(final String kind, final String htmlId) {
    this.kind = kind;
    this.htmlId = htmlId;
  }

  /** The form-js type name this view renders as, or {@code unsupported}. */
  public String kind() {
    return kind;
  }

  /** The HTML id of the input (of the first option for option lists). */
  public String htmlId() {
    return htmlId;
  }

  /** The picker a text field is shown as ({@link Pickers}); null for a plain text field. */
  public String picker() {
    return picker;
  }

  /** The id the browser's picker chose before a failed submission; null when none. */
  public String chosenId() {
    return chosenId;
  }

  /** The parameter that carries the id the picker chose. */
  public String chosenName() {
    return name == null ? null : Pickers.CHOSEN_PREFIX + name;
  }

  FieldView picker(final String picker, final String chosenId) {
    this.picker = picker;
    this.chosenId = chosenId == null || chosenId.isBlank() ? null : chosenId;
    return this;
  }

  /** The posted parameter name; null when the field is not posted (read-only or disabled). */
  public String name() {
    return name;
  }

  public String label() {
    return label;
  }

  public String description() {
    return description;
  }

  public boolean required() {
    return required;
  }

  public boolean readonly() {
    return readonly;
  }

  public boolean disabled() {
    return disabled;
  }

  /** The value of a single-valued input as the HTML input shows it. */
  public String value() {
    return value;
  }

  /** Whether a checkbox is checked. */
  public boolean checked() {
    return checked;
  }

  public List<FormView.OptionView> options() {
    return options;
  }

  /** The error message shown under the field, or null. */
  public String error() {
    return error;
  }

  public String prefix() {
    return prefix;
  }

  public String suffix() {
    return suffix;
  }

  /** The HTML input type (text, email, tel, date, time, datetime-local). */
  public String inputType() {
    return inputType;
  }

  /** The earliest date a date input offers. */
  public String min() {
    return min;
  }

  /** The step of a time input, in seconds. */
  public String step() {
    return step;
  }

  /** Safe HTML of a text component (rendered from Markdown with everything else escaped). */
  public String html() {
    return html;
  }

  /** The rows inside a group. */
  public List<FormView.Row> rows() {
    return rows;
  }

  /** Whether a group draws its outline. */
  public boolean outlined() {
    return outlined;
  }

  /** The height of a spacer in pixels. */
  public Integer height() {
    return height;
  }

  /** The CSS class placing the component in its row ({@code fd-col-1}..{@code fd-col-16}). */
  public String columns() {
    return columns;
  }

  public String descriptionId() {
    return htmlId + "-description";
  }

  public String errorId() {
    return htmlId + "-error";
  }

  /** The ids for {@code aria-describedby}: adorners, description and error; null when none. */
  public String describedBy() {
    final List<String> ids = new ArrayList<>();
    if (prefix != null) {
      ids.add(htmlId + "-prefix");
    }
    if (suffix != null) {
      ids.add(htmlId + "-suffix");
    }
    if (description != null) {
      ids.add(descriptionId());
    }
    if (error != null) {
      ids.add(errorId());
    }
    return ids.isEmpty() ? null : String.join(" ", ids);
  }

  FieldView name(final String name) {
    this.name = name;
    return this;
  }

  FieldView label(final String label) {
    this.label = label;
    return this;
  }

  FieldView description(final String description) {
    this.description = description == null || description.isBlank() ? null : description;
    return this;
  }

  FieldView required(final boolean required) {
    this.required = required;
    return this;
  }

  FieldView readonly(final boolean readonly) {
    this.readonly = readonly;
    return this;
  }

  FieldView disabled(final boolean disabled) {
    this.disabled = disabled;
    return this;
  }

  FieldView value(final String value) {
    this.value = value == null ? "" : value;
    return this;
  }

  FieldView checked(final boolean checked) {
    this.checked = checked;
    return this;
  }

  FieldView options(final List<FormView.OptionView> options) {
    this.options = List.copyOf(options);
    return this;
  }

  FieldView error(final String error) {
    this.error = error;
    return this;
  }

  FieldView adorners(final String prefix, final String suffix) {
    this.prefix = prefix == null || prefix.isEmpty() ? null : prefix;
    this.suffix = suffix == null || suffix.isEmpty() ? null : suffix;
    return this;
  }

  FieldView inputType(final String inputType) {
    this.inputType = inputType;
    return this;
  }

  FieldView range(final String min, final String step) {
    this.min = min;
    this.step = step;
    return this;
  }

  FieldView html(final String html) {
    this.html = html;
    return this;
  }

  FieldView rows(final List<FormView.Row> rows, final boolean outlined) {
    this.rows = List.copyOf(rows);
    this.outlined = outlined;
    return this;
  }

  FieldView height(final Integer height) {
    this.height = height;
    return this;
  }

  FieldView columns(final Integer columns) {
    this.columns =
        columns != null && columns >= 1 && columns <= 16 ? "fd-col-" + columns : "fd-col-auto";
    return this;
  }
}
