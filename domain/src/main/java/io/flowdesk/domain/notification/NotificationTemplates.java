package io.flowdesk.domain.notification;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The notification templates in {@code domain.notification_template}, one per {@link
 * NotificationEvent}, seeded with the texts the processes had built in FEEL (V52) and edited by
 * admins. Plain SQL like the other settings admins edit (service levels, mailboxes): configuration
 * every context with the domain needs, also the workers' without JPA.
 */
public class NotificationTemplates {

  /** Longest subject (mail clients cut long ones anyway); the parts are bounded by this too. */
  static final int SUBJECT_LIMIT = 300;

  static final int BODY_LIMIT = 20_000;

  private final JdbcClient jdbc;
  private final Clock clock;

  public NotificationTemplates(final DataSource dataSource, final Clock clock) {
    this.jdbc = JdbcClient.create(dataSource);
    this.clock = clock;
  }

  /** Every event's template, in the events' order. */
  public List<NotificationTemplate> all() {
    final List<NotificationTemplate> all = new ArrayList<>();
    for (final NotificationEvent event : NotificationEvent.values()) {
      all.add(of(event));
    }
    return all;
  }

  /** The template of {@code event}. */
  public NotificationTemplate of(final NotificationEvent event) {
    return jdbc.sql(
            "SELECT subject, text_body, html_body, updated_at FROM domain.notification_template"
                + " WHERE event = :event")
        .param("event", event.key())
        .query(
            (row, n) ->
                new NotificationTemplate(
                    event,
                    row.getString("subject"),
                    row.getString("text_body"),
                    row.getString("html_body"),
                    row.getTimestamp("updated_at").toInstant()))
        .optional()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no notification template for event '"
                        + event.key()
                        + "': domain migration V52 seeds one per event"));
  }

  /**
   * What is wrong with a template's texts, per field ({@code subject}, {@code text}, {@code html}):
   * blank subject or text, too long, or placeholders the event does not know (named, with the ones
   * it does). Empty when it may be saved.
   */
  public static Map<String, String> problems(final NotificationTemplate template) {
    final Map<String, String> problems = new LinkedHashMap<>();
    check(problems, template.event(), "subject", template.subject(), true, SUBJECT_LIMIT);
    check(problems, template.event(), "text", template.text(), true, BODY_LIMIT);
    check(problems, template.event(), "html", template.html(), false, BODY_LIMIT);
    return problems;
  }

  private static void check(
      final Map<String, String> problems,
      final NotificationEvent event,
      final String field,
      final String value,
      final boolean required,
      final int limit) {
    if (value == null || value.isBlank()) {
      if (required) {
        problems.put(field, "please enter the " + (field.equals("text") ? "text part" : field));
      }
      return;
    }
    if (value.length() > limit) {
      problems.put(field, "at most " + limit + " characters, this has " + value.length());
      return;
    }
    if (field.equals("subject") && (value.contains("\n") || value.contains("\r"))) {
      problems.put(field, "a subject is one line");
      return;
    }
    final Set<String> unknown = TemplateText.names(value);
    unknown.removeAll(event.variables());
    if (!unknown.isEmpty()) {
      problems.put(
          field,
          (unknown.size() == 1 ? "unknown variable " : "unknown variables ")
              + String.join(", ", unknown.stream().map(name -> "{{" + name + "}}").toList())
              + "; "
              + event.label().toLowerCase(java.util.Locale.ROOT)
              + " knows "
              + String.join(", ", event.variables()));
    }
  }

  /**
   * Stores the template's texts, or throws {@link InvalidTemplateException} naming each problem and
   * writes nothing.
   */
  public NotificationTemplate save(final NotificationTemplate template) {
    final Map<String, String> problems = problems(template);
    if (!problems.isEmpty()) {
      throw new InvalidTemplateException(problems);
    }
    final String html = template.html() == null ? "" : template.html().strip();
    jdbc.sql(
            """
            UPDATE domain.notification_template
               SET subject = :subject, text_body = :text, html_body = :html, updated_at = :now
             WHERE event = :event
            """)
        .param("subject", template.subject().strip())
        .param("text", template.text())
        .param("html", html)
        .param("now", Timestamp.from(clock.instant()))
        .param("event", template.event().key())
        .update();
    return of(template.event());
  }

  /** The event's stored template filled with {@code values}, as the static {@code render} does. */
  public RenderedNotification render(final NotificationEvent event, final Map<String, ?> values) {
    return render(of(event), values);
  }

  /**
   * The template filled with {@code values} (dotted names, flat or nested): subject and text as
   * they are, the HTML part with every value escaped; a blank HTML part is null.
   */
  public static RenderedNotification render(
      final NotificationTemplate template, final Map<String, ?> values) {
    final String subject =
        TemplateText.render(template.subject(), values, UnaryOperator.identity())
            .replaceAll("[\\r\\n]+", " ")
            .strip();
    final String text = TemplateText.render(template.text(), values, UnaryOperator.identity());
    final String html =
        template.html() == null || template.html().isBlank()
            ? null
            : TemplateText.render(template.html(), values, TemplateText::escapeHtml);
    return new RenderedNotification(subject, text, html);
  }

  /** Values that look real for every variable of {@code event}, for the admin's preview. */
  public static Map<String, String> sampleValues(final NotificationEvent event) {
    final Map<String, String> samples = new LinkedHashMap<>();
    for (final String variable : event.variables()) {
      samples.put(variable, SampleValues.of(variable));
    }
    return samples;
  }
}
