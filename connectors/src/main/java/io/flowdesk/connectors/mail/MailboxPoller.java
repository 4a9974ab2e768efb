package io.flowdesk.connectors.mail;

import io.flowdesk.connectors.ConnectorException;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.AndTerm;
import jakarta.mail.search.FlagTerm;
import jakarta.mail.search.NotTerm;
import jakarta.mail.search.SearchTerm;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads new mail from an IMAP folder and hands each one, normalised and classified, to an {@link
 * InboundMailHandler}.
 *
 * <p><b>Processed marker.</b> A mail is processed once its handler returned: it then gets the
 * {@code \Seen} flag and the keyword {@value #PROCESSED_KEYWORD}, and is moved to the processed
 * folder when one is configured. A poll reads the mails without that keyword (or, with a processed
 * folder, every mail left in the folder). {@code \Seen} alone is not used as the marker because a
 * person reading the mailbox in a mail client sets it too. Bodies are read with {@code BODY.PEEK},
 * so a mail whose handler throws stays exactly as it was and comes again next poll.
 *
 * <p><b>Duplicates.</b> Before the handler, the Message-ID is looked up in {@link
 * ProcessedMailIds}; a known one is only marked processed. After the handler returned the id is
 * added there; the mails of a batch are flagged together once the batch is through. So a poll that
 * ends between a handler's return and the flag leaves a mail whose Message-ID is known: the next
 * poll only marks it.
 *
 * <p><b>Round trips.</b> A poll costs a few IMAP commands whatever the number of mails: one FETCH
 * of the batch's flags and sizes, one FETCH of whole mails per {@value #PREFETCH_BYTES} bytes (a
 * larger mail is read on its own), and one STORE (plus COPY and STORE with a processed folder) for
 * the batch, instead of several commands per mail; on a server a network away that is most of a
 * poll's time. A prefetched mail is dropped from memory as soon as its handler returned.
 *
 * <p><b>Unreadable mail.</b> A mail that cannot be parsed (malformed MIME) would fail the same way
 * at every poll, so it is set aside: flagged {@code \Seen} and {@value #FAILED_KEYWORD}, left in
 * the folder for a person to look at, and reported as a failure with {@code setAside}; later polls
 * skip it and the rest of the batch goes on.
 *
 * <p>One IMAP connection per poll; not meant to run two polls of one mailbox at once (the {@link
 * ProcessedMailIds} still keeps that from doing work twice).
 */
public final class MailboxPoller {

  /** The IMAP keyword set on processed mails. */
  public static final String PROCESSED_KEYWORD = "$FlowdeskProcessed";

  /** The IMAP keyword set on mails that could not be read; polls skip them. */
  public static final String FAILED_KEYWORD = "$FlowdeskFailed";

  /**
   * Upper bound of the whole mails one FETCH brings into memory; a mail larger than this is read on
   * its own, when its turn comes.
   */
  static final long PREFETCH_BYTES = 4L * 1024 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(MailboxPoller.class);

  private final MailboxSettings settings;
  private final ProcessedMailIds processedIds;
  private final InboundMailParser parser;
  private final Session session;
  private final long prefetchBytes;

  public MailboxPoller(final MailboxSettings settings, final ProcessedMailIds processedIds) {
    this(settings, processedIds, PREFETCH_BYTES);
  }

  /**
   * @param prefetchBytes upper bound of the whole mails one FETCH brings (tests take a small one)
   */
  MailboxPoller(
      final MailboxSettings settings,
      final ProcessedMailIds processedIds,
      final long prefetchBytes) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.processedIds = Objects.requireNonNull(processedIds, "processedIds");
    this.parser = new InboundMailParser(new MailWatermark(settings.messageIdDomain()));
    this.session = MailSessions.session(settings.server(), "imap");
    this.prefetchBytes = prefetchBytes;
  }

  /**
   * Reads up to {@link MailboxSettings#maxMailsPerPoll()} unprocessed mails, oldest first.
   *
   * @throws ConnectorException when the server cannot be reached or logged into, or the folder does
   *     not exist; handler failures do not throw but are listed in the report
   */
  public PollReport poll(final InboundMailHandler handler) {
    final MailServer server = settings.server();
    try (Store store = session.getStore("imap")) {
      store.connect(server.username(), MailSessions.password(server));
      final Folder folder = openFolder(store, settings.folder(), server);
      try {
        return pollOpen(folder, store, handler);
      } finally {
        if (folder.isOpen()) {
          folder.close(settings.processedFolder() != null);
        }
      }
    } catch (MessagingException e) {
      throw MailFailures.translate(e, "IMAP", server);
    }
  }

  private PollReport pollOpen(
      final Folder folder, final Store store, final InboundMailHandler handler)
      throws MessagingException {
    final Folder target =
        settings.processedFolder() == null
            ? null
            : existingFolder(store, settings.processedFolder(), settings.server());
    requireKeywordSupport(folder, target);
    final Message[] found = folder.search(unprocessed());
    final Message[] batch =
        Arrays.copyOf(found, Math.min(found.length, settings.maxMailsPerPoll()));
    final Tally tally = new Tally();
    final List<Message> done = new ArrayList<>();
    final MailPrefetch prefetch = new MailPrefetch(folder, batch, prefetchBytes);
    for (int i = 0; i < batch.length; i++) {
      prefetch.loadFrom(i);
      try {
        if (handleOne((MimeMessage) batch[i], handler, tally)) {
          done.add(batch[i]);
        }
      } finally {
        MailPrefetch.release(batch[i]);
      }
    }
    if (!done.isEmpty()) {
      // One STORE for the batch, after every handler returned: the durable Message-IDs, not this
      // flag, keep a mail from being handled twice (see the class comment).
      final Message[] handled = done.toArray(Message[]::new);
      folder.setFlags(handled, processedFlags(), true);
      if (target != null) {
        folder.copyMessages(handled, target);
        folder.setFlags(handled, new Flags(Flags.Flag.DELETED), true);
      }
    }
    return tally.report();
  }

  /**
   * @return whether the mail is processed now (it is flagged with the batch)
   */
  private boolean handleOne(
      final MimeMessage message, final InboundMailHandler handler, final Tally tally)
      throws MessagingException {
    final InboundMail mail;
    try {
      // A copy in memory (prefetched with the batch, else one FETCH of the whole mail), then
      // parsing there, instead of a round trip per part.
      mail = parser.parse(new MimeMessage(message));
    } catch (Exception unreadable) {
      LOG.warn(
          "cannot read mail #{} in {}; set aside",
          message.getMessageNumber(),
          settings.folder(),
          unreadable);
      tally.failures.add(
          new PollReport.Failure(
              headerOf(message, "Message-ID"), subjectOf(message), unreadable, true));
      setAside(message);
      return false;
    }
    if (processedIds.contains(mail.messageId())) {
      tally.duplicates++;
      return true;
    }
    try {
      switch (mail.kind()) {
        case MESSAGE -> handler.onMessage(mail);
        case AUTO_REPLY -> handler.onAutoReply(mail);
        case BOUNCE -> handler.onBounce(mail);
        default -> throw new IllegalStateException("unknown kind " + mail.kind());
      }
    } catch (Exception failure) {
      LOG.warn("handler failed on mail {}; it stays for the next poll", mail.messageId(), failure);
      tally.failures.add(new PollReport.Failure(mail.messageId(), mail.subject(), failure, false));
      return false;
    }
    processedIds.add(mail.messageId());
    tally.count(mail.kind());
    return true;
  }

  private static Flags processedFlags() {
    final Flags flags = new Flags(Flags.Flag.SEEN);
    flags.add(PROCESSED_KEYWORD);
    return flags;
  }

  private static void setAside(final Message message) throws MessagingException {
    final Flags flags = new Flags(Flags.Flag.SEEN);
    flags.add(FAILED_KEYWORD);
    message.setFlags(flags, true);
  }

  private static String headerOf(final Message message, final String name) {
    try {
      final String[] values = message.getHeader(name);
      return values == null || values.length == 0 ? null : values[0].strip();
    } catch (MessagingException | RuntimeException unreadable) {
      return null;
    }
  }

  private static String subjectOf(final Message message) {
    try {
      return message.getSubject();
    } catch (MessagingException | RuntimeException unreadable) {
      return headerOf(message, "Subject");
    }
  }

  private SearchTerm unprocessed() {
    final SearchTerm notDeleted =
        new AndTerm(
            new NotTerm(new FlagTerm(new Flags(Flags.Flag.DELETED), true)),
            new NotTerm(new FlagTerm(new Flags(FAILED_KEYWORD), true)));
    return settings.processedFolder() != null
        ? notDeleted
        : new AndTerm(notDeleted, new NotTerm(new FlagTerm(new Flags(PROCESSED_KEYWORD), true)));
  }

  private void requireKeywordSupport(final Folder folder, final Folder target)
      throws MessagingException {
    if (target == null && !folder.getPermanentFlags().contains(Flags.Flag.USER)) {
      throw new ConnectorException(
          "IMAP server "
              + settings.server().address()
              + " does not keep custom keywords in folder '"
              + settings.folder()
              + "'; configure a processed folder to move handled mail to",
          false);
    }
  }

  private static Folder openFolder(final Store store, final String name, final MailServer server)
      throws MessagingException {
    final Folder folder = existingFolder(store, name, server);
    folder.open(Folder.READ_WRITE);
    return folder;
  }

  private static Folder existingFolder(
      final Store store, final String name, final MailServer server) throws MessagingException {
    final Folder folder = store.getFolder(name);
    if (!folder.exists()) {
      throw new ConnectorException(
          "IMAP server " + server.address() + " has no folder '" + name + "'", false);
    }
    return folder;
  }

  /** Counts of one poll. */
  private static final class Tally {
    private int messages;
    private int autoReplies;
    private int bounces;
    private int duplicates;
    private final List<PollReport.Failure> failures = new ArrayList<>();

    void count(final InboundMailKind kind) {
      switch (kind) {
        case MESSAGE -> messages++;
        case AUTO_REPLY -> autoReplies++;
        case BOUNCE -> bounces++;
        default -> throw new IllegalStateException("unknown kind " + kind);
      }
    }

    PollReport report() {
      return new PollReport(messages, autoReplies, bounces, duplicates, failures);
    }
  }

  @Override
  public String toString() {
    return "MailboxPoller[" + settings.server() + ", folder=" + settings.folder() + "]";
  }
}
