package io.flowdesk.workers.approval;

import io.flowdesk.domain.directory.Person;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An approver as the process carries them (variable {@code approver}): whom the task is assigned to
 * and mailed, and whom they stand in for after a delegation or an escalation.
 */
final class ApproverCard {

  private ApproverCard() {}

  static Map<String, Object> of(
      final Person person, final String delegatedFrom, final String escalatedFrom) {
    final Map<String, Object> card = new LinkedHashMap<>();
    card.put("username", person.username());
    card.put("displayName", person.displayName());
    card.put("email", person.email());
    card.put("delegatedFrom", delegatedFrom);
    card.put("escalatedFrom", escalatedFrom);
    return card;
  }
}
