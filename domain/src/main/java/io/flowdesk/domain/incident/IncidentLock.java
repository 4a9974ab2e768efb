package io.flowdesk.domain.incident;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Takes an incident's row lock for the rest of the transaction, so that changes to what hangs off
 * an incident (linked CIs, major-incident children) are serialised per incident.
 */
final class IncidentLock {

  private IncidentLock() {}

  /**
   * @throws IncidentNotFoundException when no incident has the id
   */
  static void lock(final JdbcClient jdbc, final long incidentId) {
    if (jdbc.sql("SELECT id FROM domain.incident WHERE id = :id FOR UPDATE")
        .param("id", incidentId)
        .query(Long.class)
        .optional()
        .isEmpty()) {
      throw new IncidentNotFoundException(String.valueOf(incidentId));
    }
  }
}
