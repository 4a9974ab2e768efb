package io.flowdesk.engine.support;

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
 * Commands that arrive together, written together (message publications, instance creations): a few
 * writer threads each take the commands waiting and write them in one transaction, so that a burst
 * pays one commit (and its WAL flush) per group instead of one each. A lone command waits for
 * nobody: a writer takes it as soon as it arrives.
 *
 * <p>The group's writer answers, for each command, its outcome or nothing; nothing, or a failed
 * group, sends the command back to its caller, who runs it alone (and so meets, and answers, its
 * own error).
 *
 * @param <P> a command
 * @param <R> what writing it answers
 */
public final class WriteGroups<P, R> implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WriteGroups.class);

  /**
   * At most this many commands per transaction: each takes a savepoint, and PostgreSQL keeps the
   * subtransactions of a transaction in a fixed cache of 64 before it slows every snapshot.
   */
  private static final int MAX_GROUP = 32;

  private record Waiting<P, R>(P command, CompletableFuture<Optional<R>> outcome) {}

  private final BlockingQueue<Waiting<P, R>> waiting = new LinkedBlockingQueue<>();
  private final Function<List<P>, List<Optional<R>>> writeTogether;
  private final List<Thread> writers = new ArrayList<>();
  private final String what;
  private volatile boolean closed;

  /**
   * @param what the commands, plural, for thread names, logs and refusals ("message publications")
   * @param writeTogether writes a group in one transaction; answers an outcome per command, in
   *     order, empty for one it left to be run alone
   */
  public WriteGroups(
      final String what,
      final int writerCount,
      final Function<List<P>, List<Optional<R>>> writeTogether) {
    this.what = what;
    this.writeTogether = writeTogether;
    for (int i = 1; i <= writerCount; i++) {
      final Thread writer =
          new Thread(this::writeGroups, "flowdesk-" + what.replace(' ', '-') + "-" + i);
      writer.setDaemon(true);
      writer.start();
      writers.add(writer);
    }
  }

  /**
   * Writes the command with those that arrived with it; answers its outcome, or empty when the
   * caller must run it alone.
   */
  public Optional<R> write(final P command) {
    if (closed) {
      throw engineClosed();
    }
    final Waiting<P, R> entry = new Waiting<>(command, new CompletableFuture<>());
    waiting.add(entry);
    if (closed && waiting.remove(entry)) {
      throw engineClosed(); // the writers stopped and will not take it
    }
    try {
      return entry.outcome().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Rejection.unavailable("Interrupted while waiting for the " + what + " to be written");
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
      writeGroup(group);
      group.clear();
    }
    Waiting<P, R> left;
    while ((left = waiting.poll()) != null) {
      left.outcome().completeExceptionally(engineClosed());
    }
  }

  private void writeGroup(final List<Waiting<P, R>> group) {
    List<Optional<R>> outcomes;
    try {
      outcomes = writeTogether.apply(group.stream().map(Waiting::command).toList());
    } catch (RuntimeException e) {
      // Whatever failed the group (a deadlock, one command's error) is met again, and named to
      // its caller, when each runs alone.
      LOG.debug("A group of {} {} failed; each is run alone", group.size(), what, e);
      outcomes = null;
    } catch (Error e) {
      // Answered, so that no caller waits forever; the writer goes on, as a server's threads do.
      LOG.error("A group of {} {} failed", group.size(), what, e);
      group.forEach(w -> w.outcome().completeExceptionally(e));
      return;
    }
    for (int i = 0; i < group.size(); i++) {
      group.get(i).outcome().complete(outcomes == null ? Optional.empty() : outcomes.get(i));
    }
  }

  private Rejection engineClosed() {
    return Rejection.unavailable(
        "The engine is shutting down; the " + what + " waiting were not written");
  }

  /** Stops the writers; a command still waiting is refused. */
  @Override
  public void close() {
    closed = true;
    writers.forEach(Thread::interrupt);
  }
}
