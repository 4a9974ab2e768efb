package io.flowdesk.workers.notify;

import io.flowdesk.connectors.mail.MailHtml;
import io.flowdesk.connectors.mail.OutgoingMail;
import io.flowdesk.connectors.sms.InvalidRecipientException;
import io.flowdesk.connectors.sms.PhoneNumbers;
import io.flowdesk.domain.directory.NotificationKind;
import io.flowdesk.domain.directory.Reach;
import io.flowdesk.domain.directory.Recipients;
import io.flowdesk.domain.notification.NotificationEvent;
import io.flowdesk.domain.notification.NotificationTemplates;
import io.flowdesk.domain.notification.RenderedNotification;
import io.flowdesk.workers.chat.ChatNotices;
import io.flowdesk.workers.chat.ChatWorker;
import io.flowdesk.workers.mail.EmailWorker;
import io.flowdesk.workers.sms.SmsWorker;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a person something on the channels they chose for its kind ({@link Recipients}), through
 * the email, SMS and chat delivery logs, so a retried job sends nothing twice. Every worker that
 * notifies a person goes through here. A mail greets the person by name; an SMS carries only the
 * record and the subject; a chat notice carries the mail's subject and text, mentioning the person
 * in the notifications channel.
 *
 * <p>A notification of a {@link NotificationEvent} says what the event's template (edited by
 * admins, {@link NotificationTemplates}) makes of the values, with the recipient's name ({@code
 * person.name}) and the record's portal page ({@code record.link}) added here.
 */
public class PersonNotifier {

  private static final Logger LOG = LoggerFactory.getLogger(PersonNotifier.class);

  private final Recipients recipients;
  private final Supplier<Optional<EmailWorker>> mail;
  private final Supplier<Optional<SmsWorker>> sms;
  private final Supplier<Optional<ChatNotices>> chat;
  private final String portalUrl;
  private final NotificationTemplates templates;

  /**
   * @param mail the app's mail path, when it has one (looked up per notice: it may come later)
   * @param sms the SMS path, when one is configured
   * @param chat the notifications channel, when one is configured
   */
  public PersonNotifier(
      final Recipients recipients,
      final Supplier<Optional<EmailWorker>> mail,
      final Supplier<Optional<SmsWorker>> sms,
      final Supplier<Optional<ChatNotices>> chat) {
    this(recipients, mail, sms, chat, null);
  }

  /**
   * @param portalUrl the portal's absolute address (e.g. {@code https://flowdesk.example.com}): a
   *     mail about an incident or request then links the record's portal page; null for no links
   */
  public PersonNotifier(
      final Recipients recipients,
      final Supplier<Optional<EmailWorker>> mail,
      final Supplier<Optional<SmsWorker>> sms,
      final Supplier<Optional<ChatNotices>> chat,
      final String portalUrl) {
    this(recipients, mail, sms, chat, portalUrl, null);
  }

  /**
   * @param templates the notification templates, for {@link #notify(long, String,
   *     NotificationEvent, Map, String, String)}; null: only plain notices
   */
  public PersonNotifier(
      final Recipients recipients,
      final Supplier<Optional<EmailWorker>> mail,
      final Supplier<Optional<SmsWorker>> sms,
      final Supplier<Optional<ChatNotices>> chat,
      final String portalUrl,
      final NotificationTemplates templates) {
    this.templates = templates;
    this.recipients = recipients;
    this.mail = mail;
    this.sms = sms;
    this.chat = chat;
    this.portalUrl = portalUrl == null ? null : portalUrl.strip().replaceAll("/+$", "");
  }

  /**
   * Sends {@code notice} to {@code username} for job {@code jobKey} on their channels for {@code
   * kind}.
   *
   * @return the channels it went out on ({@code email}, {@code sms}, {@code chat}); empty when none
   */
  public List<String> notify(
      final long jobKey, final String username, final NotificationKind kind, final Notice notice) {
    return send(jobKey, recipients.reach(username, kind), kind, notice);
  }

  /**
   * Sends {@code event}'s template, filled with {@code values} (dotted names, flat or nested) and
   * the recipient's {@code person.name} and the record's {@code record.link}, to {@code username}
   * on their channels for the event's preference group.
   *
   * @param recordToken the record it is about, or null
   * @param mailOnly what only the mail adds (an approval's reply code), or null
   * @return the channels it went out on
   */
  public List<String> notify(
      final long jobKey,
      final String username,
      final NotificationEvent event,
      final Map<String, ?> values,
      final String recordToken,
      final String mailOnly) {
    return notify(jobKey, username, event, values, recordToken, mailOnly, portalLink(recordToken));
  }

  /**
   * As {@link #notify(long, String, NotificationEvent, Map, String, String)}, linking {@code link}
   * (e.g. the record's agent page for a watcher) instead of the portal page.
   *
   * @param link the record's page for this person, or null for none
   */
  public List<String> notify(
      final long jobKey,
      final String username,
      final NotificationEvent event,
      final Map<String, ?> values,
      final String recordToken,
      final String mailOnly,
      final String link) {
    if (templates == null) {
      throw new IllegalStateException("this notifier has no notification templates");
    }
    final Reach reach = recipients.reach(username, event.kind());
    final Map<String, Object> all = new HashMap<>(values);
    all.put("person.name", reach.displayName() == null ? username : reach.displayName());
    if (link != null) {
      all.put("record.link", link);
    }
    final RenderedNotification rendered = templates.render(event, all);
    final String html = rendered.html() == null ? null : MailHtml.sanitised(rendered.html());
    return send(
        jobKey,
        reach,
        event.kind(),
        Notice.rendered(
            rendered, recordToken, mailOnly, html == null || html.isEmpty() ? null : html));
  }

  private List<String> send(
      final long jobKey, final Reach reach, final NotificationKind kind, final Notice notice) {
    final String username = reach.username();
    final List<String> channels = new ArrayList<>();
    reach
        .email()
        .ifPresent(
            address -> {
              final Optional<EmailWorker> sender = mail.get();
              if (sender.isEmpty()) {
                LOG.warn("{} is not mailed {}: no mail server is configured", username, kind);
                return;
              }
              sender.get().deliver(jobKey, mail(address, reach, notice));
              channels.add(EmailWorker.CHANNEL);
            });
    reach
        .phone()
        .flatMap(phone -> usable(username, phone))
        .ifPresent(
            phone -> {
              final Optional<SmsWorker> sender = sms.get();
              if (sender.isEmpty()) {
                LOG.warn("{} gets no SMS about {}: no SMS account is configured", username, kind);
                return;
              }
              sender.get().deliver(jobKey, List.of(phone), notice.sms());
              channels.add(SmsWorker.CHANNEL);
            });
    reach
        .chatHandle()
        .ifPresent(
            handle -> {
              final Optional<ChatNotices> sender = chat.get();
              if (sender.isEmpty()) {
                LOG.warn(
                    "{} gets no chat about {}: no notifications channel is set", username, kind);
                return;
              }
              sender
                  .get()
                  .deliver(jobKey, handle, reach.displayName(), notice.subject(), notice.text());
              channels.add(ChatWorker.CHANNEL);
            });
    if (channels.isEmpty()) {
      LOG.info("{} is not notified of {}: no chosen channel reaches them", username, kind);
    }
    return channels;
  }

  private OutgoingMail mail(final String address, final Reach reach, final Notice notice) {
    final OutgoingMail.Builder mail = OutgoingMail.builder().to(address).subject(notice.subject());
    if (notice.complete()) {
      final String extra = notice.mailOnly() == null ? "" : notice.mailOnly();
      mail.text(notice.text() + (extra.isEmpty() ? "" : "\n\n" + extra));
      if (notice.html() != null) {
        mail.html(notice.html() + (extra.isEmpty() ? "" : "<p>" + escape(extra) + "</p>"));
      }
    } else {
      mail.text(
          "Hello "
              + reach.displayName()
              + ",\n\n"
              + notice.text()
              + (notice.mailOnly() == null ? "" : "\n\n" + notice.mailOnly())
              + portalLinkLine(notice));
    }
    if (notice.recordToken() != null) {
      mail.token(notice.recordToken());
    }
    return mail.build();
  }

  private String portalLinkLine(final Notice notice) {
    final String link = portalLink(notice.recordToken());
    return link == null ? "" : "\n\n" + notice.recordToken() + " in the portal: " + link;
  }

  /**
   * The record's portal page, for incidents and requests (the kinds callers see there), or null.
   */
  public String portalLink(final String token) {
    return token == null || !token.matches("(INC|REQ)[0-9]+")
        ? null
        : link("/portal/requests/" + token);
  }

  /** {@code path} (e.g. an agent's record page {@code /incidents/INC0000001}) as an address. */
  public String link(final String path) {
    return portalUrl == null ? null : portalUrl + path;
  }

  private static String escape(final String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  // A number the person typed that SMS cannot use must not cost them the other channels.
  private static Optional<String> usable(final String username, final String phone) {
    try {
      return Optional.of(PhoneNumbers.requireE164(phone));
    } catch (InvalidRecipientException e) {
      LOG.warn("{} gets no SMS: {}", username, e.getMessage());
      return Optional.empty();
    }
  }
}
