package io.flowdesk.workers.incident;

import io.flowdesk.domain.incident.Priority;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The service level an incident's priority promises: how soon someone responds, how soon it is
 * resolved (both in calendar time, around the clock), and the priority (0..100) its "Resolve
 * incident" user task gets in the inbox.
 *
 * <table>
 *   <caption>Targets per priority</caption>
 *   <tr><th>priority</th><th>response</th><th>resolution</th><th>task priority</th></tr>
 *   <tr><td>P1</td><td>15 minutes</td><td>4 hours</td><td>90</td></tr>
 *   <tr><td>P2</td><td>30 minutes</td><td>8 hours</td><td>70</td></tr>
 *   <tr><td>P3</td><td>4 hours</td><td>3 days</td><td>50</td></tr>
 *   <tr><td>P4</td><td>1 day</td><td>5 days</td><td>30</td></tr>
 *   <tr><td>P5</td><td>2 days</td><td>10 days</td><td>10</td></tr>
 * </table>
 */
public record ServiceLevel(Duration response, Duration resolution, int taskPriority) {

  private static final Map<Priority, ServiceLevel> BY_PRIORITY = new EnumMap<>(Priority.class);

  static {
    BY_PRIORITY.put(Priority.P1, new ServiceLevel(Duration.ofMinutes(15), Duration.ofHours(4), 90));
    BY_PRIORITY.put(Priority.P2, new ServiceLevel(Duration.ofMinutes(30), Duration.ofHours(8), 70));
    BY_PRIORITY.put(Priority.P3, new ServiceLevel(Duration.ofHours(4), Duration.ofDays(3), 50));
    BY_PRIORITY.put(Priority.P4, new ServiceLevel(Duration.ofDays(1), Duration.ofDays(5), 30));
    BY_PRIORITY.put(Priority.P5, new ServiceLevel(Duration.ofDays(2), Duration.ofDays(10), 10));
  }

  /** The service level of {@code priority}. */
  public static ServiceLevel of(final Priority priority) {
    return BY_PRIORITY.get(priority);
  }
}
