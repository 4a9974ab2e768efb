package io.flowdesk.app.users;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;

/**
 * Ends a person's sign-ins at once: their sessions (in PostgreSQL, found by principal name) are
 * deleted on every node, so the next request of any of their browsers lands on the login page.
 */
@Component
public class SessionTermination {

  private static final Logger LOG = LoggerFactory.getLogger(SessionTermination.class);

  private final ObjectProvider<FindByIndexNameSessionRepository<? extends Session>> sessions;

  SessionTermination(
      final ObjectProvider<FindByIndexNameSessionRepository<? extends Session>> sessions) {
    this.sessions = sessions;
  }

  /** Ends every session of {@code username}; answers how many there were. */
  public int endAll(final String username) {
    return endAllBut(username, null);
  }

  /** Ends every session of {@code username} except {@code keep} (the one asking). */
  public int endAllBut(final String username, final String keep) {
    final FindByIndexNameSessionRepository<? extends Session> repository =
        sessions.getIfAvailable();
    if (repository == null) {
      // Only a test context without Spring Session gets here; the app always has it.
      LOG.warn("No session repository: sessions of '{}' cannot be ended", username);
      return 0;
    }
    int ended = 0;
    for (final String id : repository.findByPrincipalName(username).keySet()) {
      if (!id.equals(keep)) {
        repository.deleteById(id);
        ended++;
      }
    }
    return ended;
  }
}
