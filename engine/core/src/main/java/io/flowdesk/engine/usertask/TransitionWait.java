package io.flowdesk.engine.usertask;

import io.flowdesk.engine.state.UserTaskRows;
import io.flowdesk.engine.support.Rejection;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Waits, outside the command's transaction, until the task listeners of a user task transition
 * finished it, so that the command that started the transition answers with its outcome, as Camunda
 * 8.8 does: when it was applied, a refusal when a listener denied it or the task was canceled
 * meanwhile, a timeout (the transition goes on) when the listeners take too long.
 */
public final class TransitionWait {

  /** How long a command waits for the task listeners of its transition before it times out. */
  static final Duration LISTENER_WAIT = Duration.ofSeconds(10);

  private static final long POLL_MILLIS = 20;

  private final UserTaskRows rows;

  public TransitionWait(final JdbcClient jdbc) {
    this.rows = new UserTaskRows(jdbc);
  }

  /** What the command tells its caller when the task is gone or the transition did not happen. */
  public interface Refusals {
    Rejection notFound();

    Rejection canceled();

    /** A listener denied the transition, with its reason (may be null). */
    Rejection denied(String reason);

    /** The listeners did not finish within the wait; the transition goes on. */
    Rejection timedOut(Duration waited);
  }

  /** Waits for transition {@code id} of the task; null means there is nothing to wait for. */
  public void await(final long userTaskKey, final Long id, final Refusals refusals) {
    if (id == null) {
      return;
    }
    final long deadline = System.nanoTime() + LISTENER_WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      final UserTaskRows.Progress progress =
          rows.progress(userTaskKey).orElseThrow(refusals::notFound);
      if ("CANCELED".equals(progress.state()) || "CANCELING".equals(progress.state())) {
        throw refusals.canceled();
      }
      if (!progress.pending() || "COMPLETED".equals(progress.state())) {
        final Map<String, Object> outcome = progress.outcome();
        if (id.equals(number(outcome.get("id"))) && Boolean.TRUE.equals(outcome.get("denied"))) {
          throw refusals.denied((String) outcome.get("deniedReason"));
        }
        return;
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw refusals.timedOut(LISTENER_WAIT);
  }

  /** Refusals named after what the command does, e.g. "complete" and "completion". */
  static Refusals forCommand(final long userTaskKey, final String what, final String noun) {
    return forCommand(
        userTaskKey,
        what,
        noun,
        reason ->
            Rejection.invalidState(
                "Command '"
                    + what.toUpperCase(java.util.Locale.ROOT)
                    + "' rejected: the "
                    + noun
                    + " of user task with key '"
                    + userTaskKey
                    + "' was denied by a task listener"
                    + (reason == null ? "" : ". Reason to deny: '" + reason + "'")));
  }

  /** As {@link #forCommand(long, String, String)}, with its own denial. */
  public static Refusals forCommand(
      final long userTaskKey,
      final String what,
      final String noun,
      final Function<String, Rejection> denial) {
    return new Refusals() {
      @Override
      public Rejection notFound() {
        return UserTaskCommands.notFound(userTaskKey, what);
      }

      @Override
      public Rejection canceled() {
        return Rejection.invalidState(
            "Expected to "
                + what
                + " user task with key '"
                + userTaskKey
                + "', but it was canceled while its task listeners ran");
      }

      @Override
      public Rejection denied(final String reason) {
        return denial.apply(reason);
      }

      @Override
      public Rejection timedOut(final Duration waited) {
        return new Rejection(
            Rejection.Type.TIMEOUT,
            "Expected the task listeners of user task with key '"
                + userTaskKey
                + "' to finish the "
                + noun
                + " within "
                + waited.toSeconds()
                + " seconds, but they did not; it goes on when they complete");
      }
    };
  }

  private static Long number(final Object value) {
    return value instanceof Number n ? n.longValue() : null;
  }
}
