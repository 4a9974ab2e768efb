package io.flowdesk.app.story;

import static org.awaitility.Awaitility.await;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Properties;

/**
 * What the browser stories share: reading a person's mail from the local mail server, screenshots.
 */
final class StoryMail {

  private StoryMail() {}

  /**
   * Reads {@code address}'s mailbox on the local mail server (IMAP on {@code imapPort}) until a
   * mail whose subject contains {@code subjectPart} is there.
   */
  static Message awaitMail(final int imapPort, final String address, final String subjectPart) {
    return await("the mail to " + address + " about " + subjectPart)
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> findMail(imapPort, address, subjectPart), found -> found != null);
  }

  private static Message findMail(
      final int imapPort, final String address, final String subjectPart) throws Exception {
    final Properties properties = new Properties();
    properties.put("mail.imap.connectiontimeout", "5000");
    properties.put("mail.imap.timeout", "5000");
    final Store store = Session.getInstance(properties).getStore("imap");
    store.connect("127.0.0.1", imapPort, address, "any");
    try {
      final Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      for (final Message message : inbox.getMessages()) {
        if (message.getSubject() != null && message.getSubject().contains(subjectPart)) {
          final MimeMessage copy = new MimeMessage((MimeMessage) message);
          inbox.close(false);
          return copy;
        }
      }
      inbox.close(false);
      return null;
    } finally {
      store.close();
    }
  }
}
