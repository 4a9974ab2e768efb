package io.flowdesk.workers.approval;

import io.flowdesk.workers.InvalidJobInputException;
import io.flowdesk.workers.JobInputs;
import io.flowdesk.workers.UnresolvableJobException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** What the approval workers read from a job alike. */
final class ApprovalJobs {

  /** The BPMN error codes of the approval workers start with FLOWDESK_APPROVAL_. */
  static final String ERROR_PREFIX = "approval";

  private ApprovalJobs() {}

  /** Input {@code approvalId}: the approval the process opened, a whole number. */
  static long approvalId(final JobInputs inputs) {
    final Object value = inputs.raw("approvalId");
    if (value instanceof Number number && number.doubleValue() == number.longValue()) {
      return number.longValue();
    }
    throw new InvalidJobInputException(
        value == null
            ? "input 'approvalId' is missing"
            : "input 'approvalId' must be a whole number, was " + value);
  }

  /** Input {@code approver}: the approver card of the task at hand. */
  static Map<String, Object> approver(final JobInputs inputs) {
    final Map<String, Object> approver = inputs.object("approver");
    if (!(approver.get("username") instanceof String)) {
      throw new InvalidJobInputException("input 'approver' has no username: " + approver);
    }
    return approver;
  }

  /** An optional ISO-8601 duration input such as {@code P3D} or {@code PT4H}; must be positive. */
  static Duration duration(final JobInputs inputs, final String name) {
    final String text = inputs.optionalText(name).orElse(null);
    if (text == null) {
      return null;
    }
    try {
      final Duration duration = Duration.parse(text.strip());
      if (duration.isNegative() || duration.isZero()) {
        throw new UnresolvableJobException(
            "input '" + name + "' must be a positive duration, was " + text);
      }
      return duration;
    } catch (DateTimeParseException e) {
      throw new UnresolvableJobException(
          "input '" + name + "' must be an ISO-8601 duration such as P3D or PT4H, was " + text);
    }
  }
}
