package io.flowdesk.app.request;

import io.flowdesk.app.forms.DeployedForms;
import io.flowdesk.app.forms.FormComponent;
import io.flowdesk.app.forms.FormField;
import io.flowdesk.app.forms.FormSchema;
import io.flowdesk.domain.request.Request;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A request's answers as lines to read, wherever they are shown (the requester's and the agents'
 * request pages, the inbox, the approver's page): read from the request record, in the order and
 * with the labels of the item's start form as deployed with the ordered version, a choice as its
 * option's label. Unanswered fields are left out. Without that form (not deployed any more, the
 * engine not answering) every answer is still shown, its name put in words.
 */
@Component
public class RequestAnswers {

  private static final Logger LOG = LoggerFactory.getLogger(RequestAnswers.class);

  /** One answer: the field in words and its value as text. */
  public record Line(String label, String value) {}

  private final DeployedForms forms;

  RequestAnswers(final DeployedForms forms) {
    this.forms = forms;
  }

  public List<Line> of(final Request request) {
    final Map<String, Object> answers = request.answers();
    if (answers.isEmpty()) {
      return List.of();
    }
    return form(request)
        .map(form -> lines(form, answers))
        .orElseGet(() -> plain(answers, name -> true));
  }

  private Optional<FormSchema> form(final Request request) {
    try {
      return forms.startForm(request.itemProcessId(), request.itemVersion());
    } catch (RuntimeException unavailable) {
      // The labels help the reader; without them the answers are still there to read.
      LOG.warn(
          "form of {} v{} not read for {}: {}",
          request.itemProcessId(),
          request.itemVersion(),
          request.number(),
          unavailable.toString());
      return Optional.empty();
    }
  }

  private static List<Line> lines(final FormSchema form, final Map<String, Object> answers) {
    final List<Line> lines = new ArrayList<>();
    for (final FormField field : form.fields()) {
      field
          .valueIn(answers)
          .filter(RequestAnswers::answered)
          .ifPresent(value -> lines.add(new Line(label(field), text(field.component(), value))));
    }
    // Answers the form does not name (it changed since) are shown too: nothing ordered is hidden.
    lines.addAll(plain(answers, name -> !covered(form, name)));
    return lines;
  }

  private static boolean covered(final FormSchema form, final String name) {
    return form.fields().stream()
        .anyMatch(field -> field.name().equals(name) || field.name().startsWith(name + "."));
  }

  private static List<Line> plain(
      final Map<String, Object> answers, final Predicate<String> shown) {
    final List<Line> lines = new ArrayList<>();
    answers.forEach(
        (name, value) -> {
          if (shown.test(name) && answered(value)) {
            lines.add(new Line(words(name), text(null, value)));
          }
        });
    return lines;
  }

  private static boolean answered(final Object value) {
    return value != null && !(value instanceof String text && text.isBlank());
  }

  private static String label(final FormField field) {
    final Object label = field.component().label();
    return label instanceof String text && !text.isBlank() && !text.startsWith("=")
        ? text
        : words(field.name());
  }

  private static String words(final String name) {
    final String spaced = name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replace('_', ' ');
    final String lower = spaced.toLowerCase(Locale.ROOT);
    return lower.isEmpty() ? name : Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
  }

  /** The value as the requester chose it: an option's label rather than its value. */
  private static String text(final FormComponent component, final Object value) {
    if (value instanceof Collection<?> many) {
      return many.stream().map(v -> text(component, v)).collect(Collectors.joining(", "));
    }
    if (value instanceof Boolean yes) {
      return yes ? "Yes" : "No";
    }
    final List<FormComponent.Option> options =
        component == null || component.values() == null ? List.of() : component.values();
    for (final FormComponent.Option option : options) {
      if (Objects.equals(String.valueOf(option.value()), String.valueOf(value))) {
        return option.label();
      }
    }
    return String.valueOf(value);
  }
}
