package io.flowdesk.domain.servicelevel;

import io.flowdesk.domain.incident.Priority;
import java.time.Duration;

/**
 * The service level an incident's priority promises: how soon someone responds and how soon it is
 * resolved, both in working time of {@code schedule}; the share of a target after which its clock
 * shows as at risk; and the priority (0..100) its "Resolve incident" user task gets in the inbox.
 */
public record ServiceLevel(
    Priority priority,
    Duration response,
    Duration resolution,
    int warningPercent,
    int taskPriority,
    Schedule schedule) {

  /**
   * @throws IllegalArgumentException naming the value that is out of range
   */
  public ServiceLevel {
    if (priority == null || schedule == null) {
      throw new IllegalArgumentException("a service level needs its priority and schedule");
    }
    positiveMinutes(priority, "response", response);
    positiveMinutes(priority, "resolution", resolution);
    if (warningPercent < 1 || warningPercent > 99) {
      throw new IllegalArgumentException(
          priority + ": the warning threshold is 1 to 99 % of a target, was " + warningPercent);
    }
    if (taskPriority < 0 || taskPriority > 100) {
      throw new IllegalArgumentException(
          priority + ": the task priority is 0 to 100, was " + taskPriority);
    }
  }

  /** The calendar both targets count on. */
  public BusinessCalendar calendar() {
    return schedule.calendar();
  }

  /**
   * The working time after which a clock of {@code target} is at risk: the warning threshold's
   * share of it, to the second, so that {@link #atRisk} holds from then on.
   */
  public Duration warningAfter(final Duration target) {
    // Rounded up: the threshold is never before the share that atRisk counts as reached.
    return Duration.ofSeconds((target.toSeconds() * warningPercent + 99) / 100);
  }

  /** Whether {@code elapsed} of {@code target} is past the warning threshold. */
  public boolean atRisk(final Duration elapsed, final Duration target) {
    return elapsed.toSeconds() * 100 >= target.toSeconds() * warningPercent;
  }

  private static void positiveMinutes(
      final Priority priority, final String name, final Duration target) {
    if (target == null || target.isNegative() || target.isZero() || target.toSecondsPart() != 0) {
      throw new IllegalArgumentException(
          priority + ": the " + name + " target is a positive number of minutes, was " + target);
    }
  }
}
