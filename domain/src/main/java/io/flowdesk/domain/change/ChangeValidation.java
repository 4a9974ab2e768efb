package io.flowdesk.domain.change;

import io.flowdesk.domain.record.RecordKind;
import io.flowdesk.domain.record.RecordText;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Checks a change before anything is written, so that bad input is an error naming the field rather
 * than a database error or a half-written record.
 */
final class ChangeValidation {

  static final int SHORT_DESCRIPTION = 160;

  private ChangeValidation() {}

  /** The change, when complete and consistent; else an IllegalArgumentException naming why. */
  static NewChange validated(final NewChange change) {
    if (change == null) {
      throw new IllegalArgumentException("change is missing");
    }
    if (change.type() == null) {
      throw new IllegalArgumentException("type is required: standard, normal or emergency");
    }
    if (change.type() != ChangeType.STANDARD && change.templateId() != null) {
      throw new IllegalArgumentException(
          "template is only for standard changes, this one is " + change.type().label());
    }
    RecordText.required("shortDescription", change.shortDescription(), SHORT_DESCRIPTION);
    RecordText.optional("description", change.description(), RecordText.LONG_TEXT);
    RecordText.required("requestedBy", change.requestedBy(), RecordText.NAME);
    RecordText.required("assignmentGroup", change.assignmentGroup(), RecordText.NAME);
    RecordText.optional("implementer", change.implementer(), RecordText.NAME);
    RecordText.optional("implementationPlan", change.implementationPlan(), RecordText.LONG_TEXT);
    RecordText.optional("backoutPlan", change.backoutPlan(), RecordText.LONG_TEXT);
    RecordText.optional("testPlan", change.testPlan(), RecordText.LONG_TEXT);
    window(change.plannedStart(), change.plannedEnd());
    affectedCis(change.affectedCis());
    for (final String incident : change.incidents()) {
      if (!RecordKind.INCIDENT.numbers(incident)) {
        throw new IllegalArgumentException(
            "incident '" + incident + "' is not an incident number (INC and 7 digits)");
      }
    }
    return change;
  }

  static void window(final Instant start, final Instant end) {
    if (start == null) {
      throw new IllegalArgumentException("plannedStart is required");
    }
    if (end == null) {
      throw new IllegalArgumentException("plannedEnd is required");
    }
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException(
          "plannedEnd " + end + " must be after plannedStart " + start);
    }
  }

  static void affectedCis(final List<AffectedCi> cis) {
    if (cis == null) {
      throw new IllegalArgumentException("affected CIs are required (an empty list for none)");
    }
    final Set<UUID> seen = new HashSet<>();
    for (final AffectedCi ci : cis) {
      if (ci == null || ci.ciId() == null) {
        throw new IllegalArgumentException("affected CI id is required");
      }
      RecordText.required("affected CI " + ci.ciId() + " name", ci.name(), AffectedCi.NAME);
      if (!seen.add(ci.ciId())) {
        throw new IllegalArgumentException("affected CI " + ci.ciId() + " is named twice");
      }
    }
  }
}
