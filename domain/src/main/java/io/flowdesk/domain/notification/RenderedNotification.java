package io.flowdesk.domain.notification;

/**
 * A template with its values filled in: subject and text with the values as they are, the HTML part
 * (null when the template has none) with every value HTML-escaped. The template's own HTML is the
 * admin's; whoever shows or sends it sanitises it (the connectors' {@code MailHtml}).
 */
public record RenderedNotification(String subject, String text, String html) {}
