package io.flowdesk.app.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clears what a crashed Flowdesk left behind in its PostgreSQL data directory, so that the next
 * start never refuses to run.
 *
 * <p>The embedded postmaster runs as its own process. When the JVM dies without its shutdown hooks
 * ({@code kill -9}, OOM killer) the postmaster keeps running and keeps {@code postmaster.pid};
 * after a power loss only the stale {@code postmaster.pid} remains. PostgreSQL replays its WAL on
 * the next start either way, so stopping the orphan loses no committed data.
 */
final class OrphanedPostmaster {

  private static final Logger LOG = LoggerFactory.getLogger(OrphanedPostmaster.class);
  private static final String PID_FILE = "postmaster.pid";
  // The lock file that io.zonky's EmbeddedPostgres holds while a live JVM uses the directory.
  private static final String OWNER_LOCK_FILE = "epg-lock";
  private static final Duration SMART_SHUTDOWN_WAIT = Duration.ofSeconds(30);
  private static final Duration FORCED_SHUTDOWN_WAIT = Duration.ofSeconds(10);

  private final Path dataDirectory;

  OrphanedPostmaster(final Path dataDirectory) {
    this.dataDirectory = dataDirectory;
  }

  /**
   * Stops an orphaned postmaster or removes a stale pid file; does nothing on a clean directory.
   */
  void clear() {
    final Path pidFile = dataDirectory.resolve(PID_FILE);
    if (!Files.exists(pidFile)) {
      return;
    }
    ensureNoLiveOwner();
    final Optional<ProcessHandle> postmaster = readPid(pidFile).flatMap(ProcessHandle::of);
    if (postmaster.isPresent()
        && postmaster.get().isAlive()
        && isPostmasterOfThisDirectory(postmaster.get())) {
      stop(postmaster.get());
    } else {
      LOG.warn("Removing stale {} left by a PostgreSQL that is no longer running", pidFile);
    }
    try {
      Files.deleteIfExists(pidFile);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot remove stale " + pidFile, e);
    }
  }

  private void ensureNoLiveOwner() {
    final Path lockFile = dataDirectory.resolve(OWNER_LOCK_FILE);
    if (!Files.exists(lockFile)) {
      return;
    }
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
      final FileLock lock = channel.tryLock();
      if (lock == null) {
        throw new IllegalStateException(
            "Another running Flowdesk uses the database in "
                + dataDirectory
                + "; stop it first or set FLOWDESK_DATA_DIR to another directory");
      }
      lock.release();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot check the owner lock " + lockFile, e);
    }
  }

  private static Optional<Long> readPid(final Path pidFile) {
    try {
      final List<String> lines = Files.readAllLines(pidFile);
      return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
    } catch (IOException | NumberFormatException e) {
      LOG.warn("Unreadable {}: {}", pidFile, e.toString());
      return Optional.empty();
    }
  }

  /** Guards against pid reuse: only a postgres process started on this very directory is ours. */
  private boolean isPostmasterOfThisDirectory(final ProcessHandle process) {
    final String command = process.info().command().orElse("");
    final String arguments = String.join(" ", process.info().arguments().orElse(new String[0]));
    return command.endsWith("postgres") && arguments.contains(dataDirectory.toString());
  }

  private void stop(final ProcessHandle postmaster) {
    LOG.warn(
        "Stopping PostgreSQL (pid {}) left running on {} by a Flowdesk that did not shut down",
        postmaster.pid(),
        dataDirectory);
    // SIGTERM is PostgreSQL's smart shutdown: its clients died with the old JVM, so it ends
    // promptly.
    postmaster.destroy();
    if (awaitExit(postmaster, SMART_SHUTDOWN_WAIT)) {
      return;
    }
    LOG.warn(
        "PostgreSQL (pid {}) ignored SIGTERM; killing it, WAL recovery follows", postmaster.pid());
    postmaster.destroyForcibly();
    if (!awaitExit(postmaster, FORCED_SHUTDOWN_WAIT)) {
      throw new IllegalStateException(
          "PostgreSQL (pid " + postmaster.pid() + ") on " + dataDirectory + " does not stop");
    }
  }

  private static boolean awaitExit(final ProcessHandle process, final Duration wait) {
    try {
      process.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      return false;
    } catch (java.util.concurrent.ExecutionException e) {
      return !process.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }
}
