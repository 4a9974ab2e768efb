package io.flowdesk.app.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes every published {@link AdminAction} into the trail, synchronously and so inside the
 * publisher's transaction: if the entry cannot be written the action fails with it, and an action
 * rolled back leaves no entry behind.
 */
@Component
class AdminAuditRecorder {

  private static final Logger LOG = LoggerFactory.getLogger(AdminAuditRecorder.class);

  private final AdminAuditTrail trail;

  AdminAuditRecorder(final AdminAuditTrail trail) {
    this.trail = trail;
  }

  @EventListener
  void record(final AdminAction action) {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      // Still recorded, but the action and its entry may now part ways: the publisher is at fault.
      LOG.warn(
          "Admin action {} on {} published outside a transaction; publish it inside the"
              + " transaction that performs it",
          action.action(),
          action.target());
    }
    trail.append(action);
  }
}
