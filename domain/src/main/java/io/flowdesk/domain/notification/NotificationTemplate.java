package io.flowdesk.domain.notification;

import java.time.Instant;

/**
 * What an event's notification says: a subject and a text part, and optionally an HTML part (blank:
 * the mail is text only). Placeholders as in {@link TemplateText}.
 */
public record NotificationTemplate(
    NotificationEvent event, String subject, String text, String html, Instant updatedAt) {

  /** The same template with other texts, as an admin's edit before it is saved. */
  public NotificationTemplate with(final String subject, final String text, final String html) {
    return new NotificationTemplate(event, subject, text, html, updatedAt);
  }
}
