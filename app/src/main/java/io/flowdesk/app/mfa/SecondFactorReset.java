package io.flowdesk.app.mfa;

import io.flowdesk.app.audit.AdminAction;
import io.flowdesk.app.users.SessionTermination;
import io.flowdesk.domain.directory.Directory;
import java.util.Map;
import java.util.NoSuchElementException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An admin resets a person's two-factor sign-in (a lost phone and lost recovery codes): the key,
 * recovery codes and remembered devices go, and the {@link AdminAction} {@code mfa.reset} is
 * published in the same transaction, so the audit trail has it or nothing happened. Their sessions
 * end at once (as when they are disabled): a sign-in made with the old factor, perhaps by whoever
 * has the lost phone, does not outlive it. The person signs in with the password next and, if their
 * role requires it, enrols again.
 */
public class SecondFactorReset {

  static final String ACTION = "mfa.reset";

  private final SecondFactors factors;
  private final Directory directory;
  private final ApplicationEventPublisher events;
  private final TransactionTemplate transactions;
  private final SessionTermination sessions;

  public SecondFactorReset(
      final SecondFactors factors,
      final Directory directory,
      final ApplicationEventPublisher events,
      final TransactionTemplate transactions,
      final SessionTermination sessions) {
    this.factors = factors;
    this.directory = directory;
    this.events = events;
    this.transactions = transactions;
    this.sessions = sessions;
  }

  /**
   * @return whether the person had a second factor (confirmed or being set up) that was removed
   *     (and their sessions ended)
   * @throws NoSuchElementException if there is nobody by that username
   */
  public boolean reset(final String actor, final String username) {
    if (directory.person(username).isEmpty()) {
      throw new NoSuchElementException("There is no user '" + username + "'.");
    }
    final boolean removed =
        Boolean.TRUE.equals(
            transactions.execute(
                status -> {
                  final boolean enrolled = factors.isEnrolled(username);
                  final boolean had = factors.remove(username);
                  if (had) {
                    events.publishEvent(
                        new AdminAction(
                            actor,
                            ACTION,
                            "user:" + username,
                            Map.of("mfa", enrolled ? "enrolled" : "enrolment pending"),
                            Map.of("mfa", "none")));
                  }
                  return had;
                }));
    if (removed) {
      // After the commit: a failed reset leaves the person signed in as they were.
      sessions.endAll(username);
    }
    return removed;
  }
}
