package io.flowdesk.domain.cmdb;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What reconciling an import's valid rows against the CMDB decided, before anything is written: the
 * CIs to insert and update (with the history entries of the fields that change), those left
 * untouched, the relationships to add and the rejected rows.
 */
final class ImportPlan {

  /** A CI to write: new ({@code version} -1) or an update of {@code version}. */
  record Write(UUID id, String className, String serialNumber, CheckedCi ci, long version) {}

  /** A history entry to append. */
  record Entry(UUID ciId, String field, String before, String after) {}

  /** A relationship to add unless it is there already. */
  record Link(UUID source, RelationshipType type, UUID target, String targetLabel) {}

  final List<Write> inserts = new ArrayList<>();
  final List<Write> updates = new ArrayList<>();
  final List<Entry> history = new ArrayList<>();
  final List<Link> links = new ArrayList<>();
  final List<ImportReject> rejects = new ArrayList<>();
  final Set<UUID> reported = new HashSet<>();
  int unchanged;

  boolean rejectedCis() {
    return rejects.stream().anyMatch(r -> r.kind() == ImportReject.Kind.CI);
  }

  void reject(final ImportReject.Kind kind, final long row, final String reason) {
    rejects.add(new ImportReject(kind, row, reason));
  }
}
