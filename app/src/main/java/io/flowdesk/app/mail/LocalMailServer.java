package io.flowdesk.app.mail;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.imap.AuthorizationException;
import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GreenMail on 127.0.0.1: an SMTP server that accepts mail for every recipient and keeps it in
 * memory, and an IMAP server to read it (log in as the recipient's address with any password).
 * Nothing is relayed, so mail never leaves this machine; everything is gone after a restart.
 */
public final class LocalMailServer implements AutoCloseable {

  /** Where Flowdesk's mail seems to come from when no sender is configured. */
  public static final String DEFAULT_FROM = "Flowdesk <flowdesk@localhost>";

  /** The service desk's own mailbox, which email-to-ticket reads by default (IMAP login). */
  public static final String SERVICE_DESK = "servicedesk@localhost";

  /** The service desk mailbox's folder for mail email-to-ticket has handled. */
  public static final String PROCESSED_FOLDER = "Processed";

  private static final String HOST = "127.0.0.1";
  private static final int STARTUP_TIMEOUT_MS = 15_000;

  private final NoDelayGreenMail greenMail;

  private LocalMailServer(final NoDelayGreenMail greenMail) {
    this.greenMail = greenMail;
  }

  /**
   * Starts SMTP and IMAP on 127.0.0.1.
   *
   * @param smtpPort 0 for a free port
   * @param imapPort 0 for a free port
   * @throws IllegalStateException naming the ports when a server cannot listen
   */
  public static LocalMailServer start(final int smtpPort, final int imapPort) {
    final NoDelayGreenMail greenMail =
        new NoDelayGreenMail(
                new ServerSetup[] {
                  setup(smtpPort, ServerSetup.PROTOCOL_SMTP),
                  setup(imapPort, ServerSetup.PROTOCOL_IMAP)
                })
            // Any password opens a mailbox: it only holds mail this machine sent itself.
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
    try {
      greenMail.start();
      serviceDesk(greenMail);
    } catch (RuntimeException e) {
      greenMail.stop();
      throw new IllegalStateException(
          "The local mail server cannot listen on "
              + HOST
              + " (SMTP port "
              + smtpPort
              + ", IMAP port "
              + imapPort
              + "; set flowdesk.mail.local-smtp-port / local-imap-port, 0 for free ports, or"
              + " flowdesk.mail.local-server=false): "
              + e.getMessage(),
          e);
    }
    return new LocalMailServer(greenMail);
  }

  private static void serviceDesk(final GreenMail greenMail) {
    final GreenMailUser user = greenMail.setUser(SERVICE_DESK, SERVICE_DESK, "");
    try {
      greenMail.getManagers().getImapHostManager().createMailbox(user, PROCESSED_FOLDER);
    } catch (AuthorizationException | FolderException e) {
      throw new IllegalStateException("cannot create the local service desk mailbox", e);
    }
  }

  private static ServerSetup setup(final int port, final String protocol) {
    final ServerSetup setup = new ServerSetup(port, HOST, protocol);
    setup.setServerStartupTimeout(STARTUP_TIMEOUT_MS);
    return port == 0 ? setup.dynamicPort() : setup;
  }

  public String host() {
    return HOST;
  }

  public int smtpPort() {
    return greenMail.port(ServerSetup.PROTOCOL_SMTP);
  }

  public int imapPort() {
    return greenMail.port(ServerSetup.PROTOCOL_IMAP);
  }

  /** Every mail received since the start, newest first, once however many mailboxes got it. */
  public List<OutboxMail> received() {
    final ImapHostManager mailboxes = greenMail.getManagers().getImapHostManager();
    final Map<String, Received> byId = new LinkedHashMap<>();
    for (final GreenMailUser user : greenMail.getUserManager().listUser()) {
      for (final StoredMessage stored : inbox(mailboxes, user)) {
        byId.computeIfAbsent(
                ReceivedMailReader.idOf(stored.getMimeMessage()),
                id -> new Received(stored, new ArrayList<>()))
            .mailboxes()
            .add(user.getEmail());
      }
    }
    return byId.values().stream()
        .map(
            r ->
                ReceivedMailReader.read(
                    r.stored().getMimeMessage(),
                    r.stored().getReceivedDate().toInstant(),
                    r.mailboxes().stream().sorted().toList()))
        .sorted(Comparator.comparing(OutboxMail::receivedAt).reversed())
        .toList();
  }

  public Optional<OutboxMail> find(final String id) {
    return received().stream().filter(m -> m.id().equals(id)).findFirst();
  }

  /** Empties every mailbox. */
  public void clear() {
    try {
      greenMail.purgeEmailFromAllMailboxes();
    } catch (FolderException e) {
      throw new IllegalStateException("cannot empty the local mailboxes", e);
    }
  }

  private static List<StoredMessage> inbox(
      final ImapHostManager mailboxes, final GreenMailUser user) {
    try {
      return mailboxes.getInbox(user).getMessages();
    } catch (FolderException e) {
      throw new IllegalStateException("cannot read the local mailbox of " + user.getEmail(), e);
    }
  }

  @Override
  public void close() {
    greenMail.stop();
  }

  @Override
  public String toString() {
    return "LocalMailServer[SMTP "
        + HOST
        + ":"
        + smtpPort()
        + ", IMAP "
        + HOST
        + ":"
        + imapPort()
        + "]";
  }

  private record Received(StoredMessage stored, List<String> mailboxes) {}
}
