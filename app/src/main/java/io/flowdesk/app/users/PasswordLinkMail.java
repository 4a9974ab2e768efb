package io.flowdesk.app.users;

import io.flowdesk.app.system.PublicUrl;
import io.flowdesk.app.users.PasswordLinks.Purpose;
import io.flowdesk.connectors.mail.MailSender;
import io.flowdesk.connectors.mail.OutgoingMail;
import io.flowdesk.domain.directory.Person;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Mails a person their password link. Links point at {@code flowdesk.public-url} (the address
 * people reach Flowdesk at, e.g. behind a proxy), never at the Host a request named, so that nobody
 * can make Flowdesk mail a link to their own server; without it, at {@code
 * http://localhost:<port>}. Without any mail server the link cannot be mailed: {@link #canSend()}
 * says so, and the admin is shown the link to hand over.
 */
@Component
public class PasswordLinkMail {

  private final ObjectProvider<MailSender> senders;
  private final PublicUrl publicUrl;

  PasswordLinkMail(final ObjectProvider<MailSender> senders, final PublicUrl publicUrl) {
    this.senders = senders;
    this.publicUrl = publicUrl;
  }

  /** Whether a mail server (configured or the local one) takes mail. */
  public boolean canSend() {
    return senders.getIfAvailable() != null;
  }

  /** The address of the link with {@code token}. */
  public String link(final String token) {
    return publicUrl.of(PasswordLinkController.PATH + token);
  }

  /**
   * Sends the link to the person's email address.
   *
   * @throws MailNotSentException naming why, e.g. the mail server refused the recipient
   */
  public void send(
      final Person person, final String token, final Purpose purpose, final Duration validity) {
    final MailSender sender = senders.getIfAvailable();
    if (sender == null) {
      throw new MailNotSentException("no mail server is configured (flowdesk.connectors.mail.*)");
    }
    final String hours = validity.toHours() + (validity.toHours() == 1 ? " hour" : " hours");
    final String text =
        switch (purpose) {
          case SET ->
              "Hello "
                  + person.displayName()
                  + ",\n\nan account was made for you on Flowdesk. Your username is "
                  + person.username()
                  + ". Choose your password here:\n\n"
                  + link(token)
                  + "\n\nThe link works once and for "
                  + hours
                  + ". If you did not expect this mail, ignore it.\n";
          case RESET ->
              "Hello "
                  + person.displayName()
                  + ",\n\nsomeone asked for a new password for your Flowdesk account "
                  + person.username()
                  + ". Choose a new password here:\n\n"
                  + link(token)
                  + "\n\nThe link works once and for "
                  + hours
                  + ". If you did not ask for it, ignore this mail: your password stays as it"
                  + " is.\n";
        };
    final String subject =
        purpose == Purpose.SET ? "Choose your Flowdesk password" : "Reset your Flowdesk password";
    try {
      sender.send(OutgoingMail.builder().to(person.email()).subject(subject).text(text).build());
    } catch (RuntimeException e) {
      throw new MailNotSentException(e.getMessage());
    }
  }
}
