package io.flowdesk.engine.command;

import java.sql.SQLException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs a command's own transaction again when PostgreSQL aborted it to break a deadlock. A command
 * locks its instance first and then, for each subscription it opens, that message's lock; another
 * transaction may hold such a message lock and go on to wait for the instance. PostgreSQL then
 * aborts one of the two, whose work is rolled back whole, so running it again is safe and is what
 * its caller would otherwise have to do. Inside a caller's transaction nothing is retried: the
 * whole of that transaction is lost, and its owner decides.
 */
final class DeadlockRetry {

  private static final Logger LOG = LoggerFactory.getLogger(DeadlockRetry.class);
  private static final String DEADLOCK_DETECTED = "40P01";
  private static final int ATTEMPTS = 3;

  private DeadlockRetry() {}

  static <T> T run(final Supplier<T> transaction) {
    if (TransactionSynchronizationManager.isActualTransactionActive()) {
      return transaction.get();
    }
    for (int attempt = 1; ; attempt++) {
      try {
        return transaction.get();
      } catch (RuntimeException e) {
        if (attempt == ATTEMPTS || !isDeadlock(e)) {
          throw e;
        }
        LOG.debug("Command lost a deadlock; running it again (attempt {})", attempt + 1, e);
      }
    }
  }

  private static boolean isDeadlock(final Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql && DEADLOCK_DETECTED.equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }
}
