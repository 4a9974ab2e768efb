package io.flowdesk.app.forms;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Builds the {@link FormView} that {@code templates/forms/fields.html} renders: visible components
 * only, values from the variables (or the defaults), and after a failed submission the user's own
 * input with one error per field.
 */
public final class FormRenderer {

  private static final Logger LOG = LoggerFactory.getLogger(FormRenderer.class);

  private final FormLogic logic;
  private final Pickers pickers;
  private final Set<String> reportedUnsupported = ConcurrentHashMap.newKeySet();

  /**
   * @param clock its zone converts stored times with offsets into the local time inputs show
   */
  public FormRenderer(final FormExpressions expressions, final Clock clock) {
    this(expressions, clock, Pickers.NONE);
  }

  /**
   * @param pickers name the records picker fields hold ({@link Pickers})
   */
  public FormRenderer(final FormExpressions expressions, final Clock clock, final Pickers pickers) {
    this.pickers = pickers;
    this.logic = new FormLogic(expressions, clock);
  }

  /** The form as it first appears, filled in from {@code variables}. */
  public FormView render(final FormSchema form, final Map<String, ?> variables) {
    return new Rendering(form, variables, null).view();
  }

  /** The form after a failed submission: the user's input kept, each error beside its field. */
  public FormView render(
      final FormSchema form, final Map<String, ?> variables, final FormSubmission.Invalid failed) {
    return new Rendering(form, variables, failed).view();
  }

  /** One rendering pass; holds what the walk over the components needs. */
  private final class Rendering {

    private final FormSchema form;
    private final Map<String, ?> variables;
    private final FormSubmission.Invalid failed;
    private final MultiValueMap<String, String> input;
    private final Map<String, Object> context;
    private final Set<FormComponent> hidden;
    private final Set<String> usedIds = new HashSet<>();
    private final List<FormView.ErrorLink> errorLinks = new ArrayList<>();
    private final Set<String> linkedErrors = new HashSet<>();
    private boolean hasSubmitButton;

    Rendering(
        final FormSchema form,
        final Map<String, ?> variables,
        final FormSubmission.Invalid failed) {
      this.form = form;
      this.variables = variables;
      this.failed = failed;
      this.input = failed == null ? new LinkedMultiValueMap<>() : failed.input();
      this.context =
          failed == null
              ? logic.initialContext(form, variables)
              : logic.postedContext(form, variables, logic.parse(form, variables, input));
      this.hidden = logic.hidden(form, VariablePaths.mutableCopy(context));
    }

    FormView view() {
      final String formHtmlId = "fd-form-" + slug(form.id());
      usedIds.add(formHtmlId);
      final List<FormView.Row> rows = rows(form.components(), "");
      if (failed != null) {
        // Errors no visible field shows (an unknown posted name) still reach the summary.
        failed
            .errors()
            .forEach(
                (name, message) -> {
                  if (!linkedErrors.contains(name)) {
                    errorLinks.add(new FormView.ErrorLink(null, message));
                  }
                });
      }
      return new FormView(
          form.id(), formHtmlId, rows, List.copyOf(errorLinks), hasSubmitButton, "Submit");
    }

    private List<FormView.Row> rows(final List<FormComponent> components, final String prefix) {
      final List<FormView.Row> rows = new ArrayList<>();
      List<FieldView> current = new ArrayList<>();
      String currentRow = null;
      for (final FormComponent component : components) {
        if (hidden.contains(component)) {
          continue;
        }
        final String row = component.layout() == null ? null : component.layout().row();
        if (!current.isEmpty() && (row == null || !row.equals(currentRow))) {
          rows.add(new FormView.Row(List.copyOf(current)));
          current = new ArrayList<>();
        }
        current.add(view(component, prefix));
        currentRow = row;
      }
      if (!current.isEmpty()) {
        rows.add(new FormView.Row(List.copyOf(current)));
      }
      return rows;
    }

    private FieldView view(final FormComponent component, final String prefix) {
      final ComponentType type = component.kind();
      final String name = type.isInput() ? prefix + component.key() : null;
      final FieldView view =
          new FieldView(
              type == ComponentType.UNSUPPORTED
                  ? "unsupported"
                  : type.name().toLowerCase(Locale.ROOT),
              htmlId(component, name));
      view.columns(component.layout() == null ? null : component.layout().columns());
      view.description(logic.expressions().text(component.description(), context));
      if (type.isInput()) {
        return input(component, name, view);
      }
      switch (type) {
        case GROUP -> {
          final String path = component.path();
          final String nested = path == null || path.isBlank() ? prefix : prefix + path + ".";
          view.label(logic.expressions().text(component.label(), context))
              .rows(
                  rows(component.components(), nested),
                  !Boolean.FALSE.equals(component.showOutline()));
        }
        case TEXT -> {
          final SafeMarkdown.Literals values = new SafeMarkdown.Literals();
          view.html(
              SafeMarkdown.toHtml(
                  logic.expressions().text(component.text(), context, values::placeholder),
                  values));
        }
        case SPACER ->
            view.height(component.height() == null ? 60 : Math.max(0, component.height()));
        case BUTTON -> {
          final boolean reset = "reset".equalsIgnoreCase(component.action());
          hasSubmitButton |= !reset;
          view.inputType(reset ? "reset" : "submit")
              .label(
                  Optional.ofNullable(logic.expressions().text(component.label(), context))
                      .filter(label -> !label.isBlank())
                      .orElse(reset ? "Reset" : "Submit"))
              .disabled(logic.expressions().isTrue(component.disabled(), context));
        }
        case UNSUPPORTED -> {
          if (reportedUnsupported.add(form.id() + "/" + component.type())) {
            LOG.warn(
                "Form '{}' ({}) has a component of type '{}' that Flowdesk cannot render; it shows"
                    + " a placeholder",
                form.id(),
                form.source(),
                component.type());
          }
          view.label(component.type());
        }
        default -> {
          // separator: nothing to fill in
        }
      }
      return view;
    }

    private FieldView input(
        final FormComponent component, final String name, final FieldView view) {
      final boolean editable = logic.editable(component, variables);
      final boolean keepInput = failed != null && editable;
      final String error = failed == null ? null : failed.errors().get(name);
      view.label(logic.label(component, context))
          .required(component.rules().isRequired())
          .readonly(!editable && !logic.expressions().isTrue(component.disabled(), variables))
          .disabled(logic.expressions().isTrue(component.disabled(), variables))
          .name(editable ? name : null)
          .error(error);
      final Object stored = stored(name);
      final List<String> posted = Optional.ofNullable(input.get(name)).orElse(List.of());
      switch (component.kind()) {
        case TEXTFIELD -> {
          final String validationType =
              Objects.toString(component.rules().validationType(), "").toLowerCase(Locale.ROOT);
          view.inputType(
              switch (validationType) {
                case "email" -> "email";
                case "phone" -> "tel";
                default -> "text";
              });
          adorn(component, view);
          final String picker = component.picker();
          if (picker != null && pickers.knows(picker)) {
            view.picker(
                picker,
                keepInput
                    ? first(
                        Optional.ofNullable(input.get(Pickers.CHOSEN_PREFIX + name))
                            .orElse(List.of()))
                    : text(stored));
            view.value(keepInput ? first(posted) : pickers.display(picker, stored));
          } else {
            view.value(keepInput ? first(posted) : text(stored));
          }
        }
        case TEXTAREA -> view.value(keepInput ? first(posted) : text(stored));
        case NUMBER -> {
          adorn(component, view);
          view.value(keepInput ? first(posted) : number(stored));
        }
        case CHECKBOX ->
            view.checked(
                keepInput
                    ? posted.stream().anyMatch(v -> v.equals("true") || v.equals("on"))
                    : Boolean.TRUE.equals(stored) || "true".equals(stored));
        case SELECT, RADIO, CHECKLIST, TAGLIST -> {
          final List<String> chosen = keepInput ? posted : formValues(stored);
          final List<FormView.OptionView> options = new ArrayList<>();
          int index = 0;
          for (final FieldOptions.Choice choice : logic.options(component, variables)) {
            options.add(
                new FormView.OptionView(
                    view.htmlId() + "-" + index++,
                    choice.formValue(),
                    choice.label(),
                    chosen.contains(choice.formValue())));
          }
          view.options(options);
        }
        case DATETIME -> {
          final DatetimeFormats.Subtype subtype = DatetimeFormats.subtype(component);
          view.inputType(subtype.htmlType())
              .value(keepInput ? first(posted) : logic.datetimes().display(component, stored));
          final boolean hasDate = subtype != DatetimeFormats.Subtype.TIME;
          final String earliest =
              hasDate && Boolean.TRUE.equals(component.disallowPassedDates())
                  ? logic.datetimes().today()
                      + (subtype == DatetimeFormats.Subtype.DATETIME ? "T00:00" : "")
                  : null;
          final String step =
              subtype != DatetimeFormats.Subtype.DATE && component.timeInterval() != null
                  ? String.valueOf(component.timeInterval() * 60)
                  : null;
          view.range(earliest, step);
        }
        default -> throw new IllegalStateException(component.kind() + " is not an input");
      }
      if (error != null) {
        final boolean optionList =
            component.kind() == ComponentType.RADIO || component.kind() == ComponentType.CHECKLIST;
        final String target =
            optionList && !view.options().isEmpty()
                ? view.options().get(0).htmlId()
                : view.htmlId();
        errorLinks.add(new FormView.ErrorLink("#" + target, error));
        linkedErrors.add(name);
      }
      return view;
    }

    private Object stored(final String name) {
      return VariablePaths.find(context, name).orElse(null);
    }

    private void adorn(final FormComponent component, final FieldView view) {
      if (component.appearance() != null) {
        view.adorners(
            logic.expressions().text(component.appearance().prefixAdorner(), context),
            logic.expressions().text(component.appearance().suffixAdorner(), context));
      }
    }

    private String htmlId(final FormComponent component, final String name) {
      final String base =
          "fd-"
              + slug(form.id())
              + "-"
              + slug(
                  component.id() != null ? component.id() : name != null ? name : component.type());
      String id = base;
      for (int n = 2; !usedIds.add(id); n++) {
        id = base + "-" + n;
      }
      return id;
    }
  }

  private static String first(final List<String> values) {
    return values.isEmpty() ? "" : values.get(0);
  }

  // form-js shows objects and lists in a text field as empty
  private static String text(final Object stored) {
    return stored == null || stored instanceof Map || stored instanceof Collection
        ? ""
        : FormExpressions.display(stored);
  }

  private static String number(final Object stored) {
    if (stored instanceof Number || stored instanceof String) {
      try {
        return plain(new BigDecimal(stored.toString().trim()));
      } catch (NumberFormatException notANumber) {
        return stored.toString();
      }
    }
    return "";
  }

  private static List<String> formValues(final Object stored) {
    if (stored == null) {
      return List.of();
    }
    if (stored instanceof Collection<?> items) {
      return items.stream().filter(Objects::nonNull).map(FormExpressions::display).toList();
    }
    return List.of(FormExpressions.display(stored));
  }

  private static String plain(final BigDecimal number) {
    return number.stripTrailingZeros().toPlainString();
  }

  private static String slug(final String text) {
    final String slug = text.replaceAll("[^A-Za-z0-9_-]+", "-");
    return slug.isEmpty() ? "x" : slug;
  }
}
