package io.flowdesk.domain.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Set;

/**
 * What a report covers: the days {@code from} to {@code to} (both included, UTC) and the assignment
 * groups to count (empty: every group). Who may ask for which groups is the caller's business.
 */
public record ReportRange(LocalDate from, LocalDate to, Set<String> groups) {

  /** The longest range a report covers, so that a per-day series stays a page long. */
  public static final long MAX_DAYS = 731;

  public ReportRange {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    groups = Set.copyOf(groups);
  }

  public Instant start() {
    return from.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** The first instant after the range. */
  public Instant end() {
    return to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  public long days() {
    return ChronoUnit.DAYS.between(from, to) + 1;
  }
}
