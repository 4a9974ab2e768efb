package io.flowdesk.connectors.mail;

import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.FolderClosedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.StoreClosedException;
import java.util.Arrays;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a poll's batch over in a few FETCH commands instead of several per mail: the flags and
 * sizes of the whole batch at once, then whole mails (with {@code BODY.PEEK[]}, so nothing gets
 * {@code \Seen}) a run at a time, each run at most a given number of bytes. A mail larger than that
 * is not prefetched and is read on its own when its turn comes, as is everything should a FETCH
 * fail (the poll does not depend on the prefetch, it only saves round trips).
 */
final class MailPrefetch {

  private static final Logger LOG = LoggerFactory.getLogger(MailPrefetch.class);

  private final Folder folder;
  private final Message[] batch;
  private final long maxBytes;
  private int loadedUntil;

  /**
   * Fetches the flags and sizes of the batch at once.
   *
   * @throws FolderClosedException the connection is gone
   */
  MailPrefetch(final Folder folder, final Message[] batch, final long maxBytes)
      throws MessagingException {
    this.folder = folder;
    this.batch = batch.clone();
    this.maxBytes = maxBytes;
    if (batch.length > 0) {
      final FetchProfile flagsAndSizes = new FetchProfile();
      flagsAndSizes.add(FetchProfile.Item.FLAGS);
      flagsAndSizes.add(FetchProfile.Item.SIZE);
      fetch(this.batch, flagsAndSizes);
    }
  }

  /**
   * Makes sure the mail at {@code index} was fetched whole if it fits, with the next ones up to the
   * byte bound when they are not yet.
   */
  void loadFrom(final int index) throws MessagingException {
    if (index < loadedUntil) {
      return;
    }
    long bytes = 0;
    int end = index;
    while (end < batch.length) {
      final long size = sizeOf(batch[end]);
      if (size < 0 || bytes + size > maxBytes) {
        break;
      }
      bytes += size;
      end++;
    }
    // A mail over the bound (or of unknown size) is left for its own streamed read.
    loadedUntil = Math.max(end, index + 1);
    if (end > index) {
      final FetchProfile whole = new FetchProfile();
      whole.add(IMAPFolder.FetchProfileItem.MESSAGE);
      fetch(Arrays.copyOfRange(batch, index, end), whole);
    }
  }

  /** Drops what the prefetch keeps of a handled mail, so a batch never sits in memory whole. */
  static void release(final Message message) {
    if (message instanceof IMAPMessage imap) {
      imap.invalidateHeaders();
    }
  }

  private static long sizeOf(final Message message) {
    try {
      return message.getSize();
    } catch (MessagingException | RuntimeException unknown) {
      return -1;
    }
  }

  private void fetch(final Message[] messages, final FetchProfile profile)
      throws MessagingException {
    try {
      folder.fetch(messages, profile);
    } catch (FolderClosedException | StoreClosedException gone) {
      throw gone;
    } catch (MessagingException | RuntimeException failed) {
      // E.g. a mail the client cannot take apart: each mail is then read on its own, and one that
      // cannot be read is set aside there.
      LOG.debug("prefetching {} mails failed; reading them one by one", messages.length, failed);
    }
  }
}
