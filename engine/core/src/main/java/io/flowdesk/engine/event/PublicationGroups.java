package io.flowdesk.engine.event;

import io.flowdesk.engine.support.Rejection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Message publications that arrive together, written together: a few writer threads each take the
 * publications waiting and write them in one transaction, so that a burst of publications pays one
 * commit (and its WAL flush) per group instead of one each. A lone publication waits for nobody: a
 * writer takes it as soon as it arrives.
 *
 * <p>The group's writer answers, for each publication, its outcome or nothing; nothing, or a failed
 * group, sends the publication back to its caller, who publishes it alone.
 *
 * @param <P> a publication
 * @param <R> what writing it answers
 */
final class PublicationGroups<P, R> implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PublicationGroups.class);

  /**
   * At most this many publications per transaction: each takes a savepoint, and PostgreSQL keeps
   * the subtransactions of a transaction in a fixed cache of 64 before it slows every snapshot.
   */
  private static final int MAX_GROUP = 32;

  private record Waiting<P, R>(P publication, CompletableFuture<Optional<R>> outcome) {}

  private final BlockingQueue<Waiting<P, R>> waiting = new LinkedBlockingQueue<>();
  private final Function<List<P>, List<Optional<R>>> writeTogether;
  private final List<Thread> writers = new ArrayList<>();
  private volatile boolean closed;

  /**
   * @param writeTogether writes a group in one transaction; answers an outcome per publication, in
   *     order, empty for one it left to be published alone
   */
  PublicationGroups(
      final int writerCount, final Function<List<P>, List<Optional<R>>> writeTogether) {
    this.writeTogether = writeTogether;
    for (int i = 1; i <= writerCount; i++) {
      final Thread writer = new Thread(this::writeGroups, "flowdesk-message-publisher-" + i);
      writer.setDaemon(true);
      writer.start();
      writers.add(writer);
    }
  }

  /**
   * Writes the publication with those that arrived with it; answers its outcome, or empty when the
   * caller must publish it alone.
   */
  Optional<R> publish(final P publication) {
    if (closed) {
      throw engineClosed();
    }
    final Waiting<P, R> entry = new Waiting<>(publication, new CompletableFuture<>());
    waiting.add(entry);
    if (closed && waiting.remove(entry)) {
      throw engineClosed(); // the writers stopped and will not take it
    }
    try {
      return entry.outcome().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Rejection.unavailable("Interrupted while publishing the message");
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException runtime
          ? runtime
          : new IllegalStateException(e.getCause());
    }
  }

  private void writeGroups() {
    final List<Waiting<P, R>> group = new ArrayList<>(MAX_GROUP);
    while (!closed) {
      try {
        group.add(waiting.take());
      } catch (InterruptedException e) {
        break;
      }
      waiting.drainTo(group, MAX_GROUP - 1);
      write(group);
      group.clear();
    }
    Waiting<P, R> left;
    while ((left = waiting.poll()) != null) {
      left.outcome().completeExceptionally(engineClosed());
    }
  }

  private void write(final List<Waiting<P, R>> group) {
    List<Optional<R>> outcomes;
    try {
      outcomes = writeTogether.apply(group.stream().map(Waiting::publication).toList());
    } catch (RuntimeException e) {
      // Whatever failed the group (a deadlock, a publication's error) is met again, and named to
      // its caller, when each publishes alone.
      LOG.debug(
          "A group of {} message publications failed; each is published alone", group.size(), e);
      outcomes = null;
    } catch (Error e) {
      // Answered, so that no caller waits forever; the writer goes on, as a server's threads do.
      LOG.error("A group of {} message publications failed", group.size(), e);
      group.forEach(w -> w.outcome().completeExceptionally(e));
      return;
    }
    for (int i = 0; i < group.size(); i++) {
      group.get(i).outcome().complete(outcomes == null ? Optional.empty() : outcomes.get(i));
    }
  }

  private static Rejection engineClosed() {
    return Rejection.unavailable("The engine is shutting down; the message was not published");
  }

  @Override
  public void close() {
    closed = true;
    writers.forEach(Thread::interrupt);
  }
}
