package io.flowdesk.app.change.calendar;

import io.flowdesk.domain.approval.Approval;
import io.flowdesk.domain.approval.ApprovalAction;
import io.flowdesk.domain.approval.ApprovalState;
import io.flowdesk.domain.approval.Approvals;
import io.flowdesk.domain.change.AffectedCi;
import io.flowdesk.domain.change.Change;
import io.flowdesk.domain.change.ChangeRecords;
import io.flowdesk.domain.change.ChangeState;
import io.flowdesk.domain.cmdb.Cmdb;
import io.flowdesk.domain.cmdb.ImpactDirection;
import io.flowdesk.domain.cmdb.ImpactedCi;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Component;

/**
 * The changes awaiting the CAB: in authorization with an open approval, soonest planned start
 * first, each with the business services its CIs impact (CMDB impact analysis upwards), its
 * conflicts ({@link CalendarOverlays}) and the votes so far against the quorum.
 */
@Component
public class CabAgenda {

  static final int MAX_ITEMS = 200;
  static final int IMPACT_DEPTH = 5;

  /** One change on the agenda. */
  public record Item(
      Change change,
      Approval approval,
      List<String> services,
      List<String> conflicts,
      int approved,
      int rejected,
      int abstained) {
    public int quorum() {
      return approval.required();
    }

    public int asked() {
      return approval.approvers().size();
    }
  }

  private final ChangeRecords records;
  private final Approvals approvals;
  private final Cmdb cmdb;
  private final CalendarOverlays overlays;

  CabAgenda(
      final ChangeRecords records,
      final Approvals approvals,
      final Cmdb cmdb,
      final CalendarOverlays overlays) {
    this.records = records;
    this.approvals = approvals;
    this.cmdb = cmdb;
    this.overlays = overlays;
  }

  public List<Item> awaiting() {
    final List<Change> authorizing =
        records
            .search(
                Set.of(ChangeState.AUTHORIZE),
                null,
                null,
                PageRequest.of(0, MAX_ITEMS, Sort.by("plannedStart", "number")))
            .getContent();
    final List<Item> items = new ArrayList<>();
    final Map<Long, List<String>> conflicts =
        authorizing.isEmpty()
            ? Map.of()
            : overlays.conflicts(authorizing.stream().map(Change::id).toList());
    for (final Change change : authorizing) {
      final Approval open =
          approvals.forRecord(change.number()).stream()
              .filter(a -> a.state() == ApprovalState.OPEN)
              .max(Comparator.comparing(Approval::id))
              .orElse(null);
      if (open == null) {
        // Authorized by the change manager, or the CAB has not been asked yet.
        continue;
      }
      items.add(
          new Item(
              change,
              open,
              services(change),
              conflicts.getOrDefault(change.id(), List.of()),
              open.count(ApprovalAction.APPROVED),
              open.count(ApprovalAction.REJECTED),
              open.count(ApprovalAction.ABSTAINED)));
    }
    return items;
  }

  private List<String> services(final Change change) {
    final Set<String> names = new TreeSet<>();
    for (final AffectedCi ci : change.affectedCis()) {
      if (cmdb.find(ci.ciId()).isEmpty()) {
        continue;
      }
      for (final ImpactedCi service :
          cmdb.impact(ci.ciId(), ImpactDirection.UP, IMPACT_DEPTH).services()) {
        names.add(service.name());
      }
    }
    return List.copyOf(names);
  }
}
