package io.flowdesk.app.notification;

import io.flowdesk.connectors.mail.MailSender;
import io.flowdesk.connectors.mail.OutgoingMail;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.Person;
import io.flowdesk.domain.notification.RenderedNotification;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * A template's test send: the preview, mailed to the signed-in admin's own address through the
 * configured mail server (or the local one), so an admin can see it in a real mail client. It is
 * not a notification of anyone and goes to nobody else.
 */
@Component
class TestNotificationMail {

  private final ObjectProvider<MailSender> senders;
  private final Directory directory;

  TestNotificationMail(final ObjectProvider<MailSender> senders, final Directory directory) {
    this.senders = senders;
    this.directory = directory;
  }

  /** Why a test mail could not be sent, for the page to show. */
  static class Refused extends RuntimeException {
    Refused(final String message) {
      super(message);
    }
  }

  /** Mails {@code preview} to {@code username}'s address and answers the address. */
  String send(final String username, final RenderedNotification preview) {
    final MailSender sender = senders.getIfUnique();
    if (sender == null) {
      throw new Refused(
          "no mail server is configured (flowdesk.connectors.mail.host), so nothing was sent");
    }
    final String address =
        directory
            .person(username)
            .map(Person::email)
            .filter(email -> !email.isBlank())
            .orElseThrow(
                () ->
                    new Refused(
                        "your account has no email address, so nothing was sent: add one on"
                            + " your account page"));
    final OutgoingMail.Builder mail =
        OutgoingMail.builder()
            .to(address)
            .subject("[Test] " + preview.subject())
            .text(preview.text());
    if (preview.html() != null && !preview.html().isEmpty()) {
      mail.html(preview.html());
    }
    sender.send(mail.build());
    return address;
  }
}
