package io.flowdesk.app.change.calendar;

import io.flowdesk.app.record.InvalidRequestException;
import io.flowdesk.domain.change.AffectedCi;
import io.flowdesk.domain.change.ChangeRecords;
import io.flowdesk.domain.change.ChangeState;
import io.flowdesk.domain.change.ScheduledChange;
import io.flowdesk.domain.cmdb.Cmdb;
import io.flowdesk.domain.cmdb.ConfigurationItem;
import io.flowdesk.domain.cmdb.ImpactDirection;
import io.flowdesk.domain.cmdb.ImpactedCi;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * What the change calendar shows for a {@link CalendarQuery}: the scheduled and in-progress changes
 * whose planned window touches the days, the maintenance windows of their CIs, the blackout windows
 * and each change's conflicts ({@link CalendarOverlays}). All times UTC, as the CMDB keeps
 * maintenance windows.
 */
@Component
public class ChangeCalendar {

  /** Scheduled and in implementation: what is, or is about to be, done to the estate. */
  static final Set<ChangeState> SHOWN = EnumSet.of(ChangeState.SCHEDULED, ChangeState.IMPLEMENT);

  /** More than a month page can show; the page says when the list was cut. */
  static final int MAX_CHANGES = 2000;

  /** How far down a business service the calendar looks for the CIs it is made of. */
  static final int SERVICE_DEPTH = 5;

  /** A change on the calendar with its open conflicts in words. */
  public record Entry(ScheduledChange change, List<String> conflicts) {
    public boolean conflicting() {
      return !conflicts.isEmpty();
    }
  }

  /** A CI's maintenance window on one day. */
  public record Maintenance(UUID ciId, String ci, Instant start, Instant end) {}

  /** The calendar's content for a query. */
  public record Content(
      CalendarQuery query,
      List<Entry> changes,
      List<Maintenance> maintenance,
      List<CalendarOverlays.Blackout> blackouts,
      boolean truncated) {}

  private final ChangeRecords records;
  private final Cmdb cmdb;
  private final CalendarOverlays overlays;

  ChangeCalendar(final ChangeRecords records, final Cmdb cmdb, final CalendarOverlays overlays) {
    this.records = records;
    this.cmdb = cmdb;
    this.overlays = overlays;
  }

  /**
   * @throws InvalidRequestException a CI or service filter naming no CI
   */
  public Content of(final CalendarQuery query) {
    final Instant from = query.first().atStartOfDay().toInstant(ZoneOffset.UTC);
    final Instant to = query.last().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    if (query.ci() != null && cmdb.find(query.ci()).isEmpty()) {
      throw new InvalidRequestException(
          "There is no CI " + query.ci() + ".", Map.of("ci", "names no CI"));
    }
    List<ScheduledChange> found =
        records.scheduled(from, to, SHOWN, query.group(), query.ci(), MAX_CHANGES + 1);
    final boolean truncated = found.size() > MAX_CHANGES;
    if (truncated) {
      found = found.subList(0, MAX_CHANGES);
    }
    if (query.service() != null) {
      final Set<UUID> parts = partsOf(query.service());
      found =
          found.stream()
              .filter(c -> c.affectedCis().stream().anyMatch(ci -> parts.contains(ci.ciId())))
              .toList();
    }
    final Map<Long, List<String>> conflicts =
        found.isEmpty()
            ? Map.of()
            : overlays.conflicts(found.stream().map(ScheduledChange::id).toList());
    final List<Entry> entries =
        found.stream()
            .map(c -> new Entry(c, List.copyOf(conflicts.getOrDefault(c.id(), List.of()))))
            .toList();
    return new Content(
        query, entries, maintenance(found, query), overlays.blackouts(from, to), truncated);
  }

  private Set<UUID> partsOf(final UUID service) {
    if (cmdb.find(service).isEmpty()) {
      throw new InvalidRequestException(
          "There is no business service " + service + ".", Map.of("service", "names no CI"));
    }
    final Set<UUID> parts = new HashSet<>();
    parts.add(service);
    for (final ImpactedCi part :
        cmdb.impact(service, ImpactDirection.DOWN, SERVICE_DEPTH).reached()) {
      parts.add(part.id());
    }
    return parts;
  }

  private List<Maintenance> maintenance(
      final List<ScheduledChange> changes, final CalendarQuery query) {
    final Map<UUID, String> cis = new LinkedHashMap<>();
    for (final ScheduledChange change : changes) {
      for (final AffectedCi ci : change.affectedCis()) {
        cis.putIfAbsent(ci.ciId(), ci.name());
      }
    }
    final List<Maintenance> windows = new ArrayList<>();
    for (final ConfigurationItem ci : cmdb.findAll(cis.keySet())) {
      if (ci.maintenanceWindow() == null) {
        continue;
      }
      for (final MaintenanceOccurrences.Occurrence slot :
          MaintenanceOccurrences.between(ci.maintenanceWindow(), query.first(), query.last())) {
        windows.add(new Maintenance(ci.id(), ci.name(), slot.start(), slot.end()));
      }
    }
    windows.sort(Comparator.comparing(Maintenance::start).thenComparing(Maintenance::ci));
    return windows;
  }
}
