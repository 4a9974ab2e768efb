package io.flowdesk.workers.incident;

import io.flowdesk.domain.directory.AssignmentGroup;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.Person;
import io.flowdesk.domain.incident.ChangeSource;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentNotFoundException;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.workers.InvalidJobInputException;
import io.flowdesk.workers.JobInputs;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * What the incident workers read from a job alike: the incident, durations and the change source.
 */
final class IncidentJobs {

  /** The BPMN error codes of the incident workers start with FLOWDESK_INCIDENT_. */
  static final String ERROR_PREFIX = "incident";

  private IncidentJobs() {}

  /** Input {@code incidentId}: the record the process works on, a whole number. */
  static long incidentId(final JobInputs inputs) {
    final Object value = inputs.raw("incidentId");
    if (value instanceof Number number && number.doubleValue() == number.longValue()) {
      return number.longValue();
    }
    if (value instanceof String text && text.strip().matches("[0-9]{1,18}")) {
      return Long.parseLong(text.strip());
    }
    throw new InvalidJobInputException(
        value == null
            ? "input 'incidentId' is missing"
            : "input 'incidentId' must be a whole number, was " + value);
  }

  /** The record of the job's incident, which must exist. */
  static Incident incident(final IncidentRecords records, final long incidentId) {
    return records
        .find(incidentId)
        .orElseThrow(() -> new IncidentNotFoundException(String.valueOf(incidentId)));
  }

  /** A change made by this job: applied at most once however often the job is retried. */
  static ChangeSource source(final JobInputs inputs) {
    return ChangeSource.job(inputs.jobKey());
  }

  /** A required ISO-8601 duration input, e.g. {@code PT3H20M} or {@code -PT5M}. */
  static Duration duration(final JobInputs inputs, final String name) {
    final String text = inputs.text(name);
    try {
      return Duration.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidJobInputException(
          "input '" + name + "' must be an ISO-8601 duration such as PT4H, was " + text);
    }
  }

  /** The resolution target of a classified incident. */
  static Instant resolutionDue(final Incident incident) {
    if (incident.resolutionDue() == null) {
      throw new IllegalStateException(
          "incident " + incident.number() + " has no resolution target: it was never classified");
    }
    return incident.resolutionDue();
  }

  /**
   * The lead manager of {@code group} (username), whom {@code flowdesk:notify} tells of the group's
   * SLAs; null when the group or its manager is unknown or disabled.
   */
  static String groupManager(final Directory directory, final String group) {
    return directory
        .group(group)
        .map(AssignmentGroup::manager)
        .flatMap(directory::person)
        .filter(Person::enabled)
        .map(Person::username)
        .orElse(null);
  }

  /** An instant as the process reads it: ISO-8601 in UTC, or null. */
  static String iso(final Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
