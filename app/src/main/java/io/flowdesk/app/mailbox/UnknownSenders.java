package io.flowdesk.app.mailbox;

import io.flowdesk.app.system.PublicUrl;
import io.flowdesk.connectors.mail.InboundMail;
import io.flowdesk.connectors.mail.MailSender;
import io.flowdesk.connectors.mail.OutgoingMail;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.Person;
import io.flowdesk.domain.directory.Role;
import io.flowdesk.domain.mailbox.Mailbox;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** What a mailbox does with new mail from an address the directory does not know. */
@Component
class UnknownSenders {

  private final Directory directory;
  private final ObjectProvider<MailSender> sender;
  private final PublicUrl publicUrl;

  UnknownSenders(
      final Directory directory,
      final ObjectProvider<MailSender> sender,
      final PublicUrl publicUrl) {
    this.directory = directory;
    this.sender = sender;
    this.publicUrl = publicUrl;
  }

  /**
   * The guest who stands for the address: a person of role end user, disabled (no sign-in), made on
   * their first mail and found again by their address on the next.
   *
   * @throws IllegalArgumentException when the address cannot be a person's (the directory names
   *     why)
   */
  Person guest(final InboundMail mail) {
    final String username = guestName(mail.from());
    final Optional<Person> known = directory.person(username);
    if (known.isPresent()) {
      return known.get();
    }
    final String name =
        mail.fromName() == null || mail.fromName().isBlank() ? mail.from() : mail.fromName();
    directory.addPerson(username, name, mail.from(), Set.of(Role.END_USER), null);
    directory.setEnabled(username, false);
    return directory.person(username).orElseThrow();
  }

  /** Answers the sender with how to reach the service desk instead; false without a mail server. */
  boolean answer(final InboundMail mail, final Mailbox mailbox) {
    final MailSender mailSender = sender.getIfUnique();
    if (mailSender == null) {
      return false;
    }
    mailSender.send(
        OutgoingMail.builder()
            .to(mail.from())
            .subject("Re: " + mail.subject())
            .text(
                "Hello,\n\nyour mail to "
                    + mailbox.address()
                    + " did not open a ticket: "
                    + mail.from()
                    + " is not the address of anybody Flowdesk knows.\n\n"
                    + "Please write from the address your account has, or sign in at "
                    + publicUrl.of("/portal")
                    + " to report your issue there. If you have no account yet, ask your"
                    + " service desk for one.\n\nThis is an automatic answer.")
            .replyingTo(mail.messageId(), mail.references())
            .build());
    return true;
  }

  private static String guestName(final String address) {
    final String local =
        address
            .substring(0, Math.max(0, address.indexOf('@')))
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9._-]", "-");
    final String cut = local.length() > 40 ? local.substring(0, 40) : local;
    return "guest." + (cut.isEmpty() ? "mail" : cut) + "." + digest(address).substring(0, 8);
  }

  private static String digest(final String address) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(address.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
