package io.flowdesk.app.record;

import io.flowdesk.app.diagram.ProcessDiagrams;
import io.flowdesk.domain.record.AuditEntry;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** What every agents' record page shows besides its kind's own fields and history. */
@Component
public class RecordPages {

  private final ProcessDiagrams diagrams;

  RecordPages(final ProcessDiagrams diagrams) {
    this.diagrams = diagrams;
  }

  /**
   * Puts the record's audit trail ({@code auditTrail}), attachments, a one-time key for its forms
   * ({@code onceKey}) and its process instance's diagram ({@code diagram}, null without one) into
   * the model.
   *
   * @return the audit trail, for a history made from it
   */
  public List<AuditEntry> agentsView(
      final Model model, final RecordRef record, final Long processInstanceKey) {
    final List<AuditEntry> auditTrail = record.core().audit().of(record.id());
    model.addAttribute("auditTrail", auditTrail);
    model.addAttribute("attachments", record.core().attachments(record.id()));
    model.addAttribute("onceKey", UUID.randomUUID().toString());
    model.addAttribute(
        "diagram",
        processInstanceKey == null ? null : diagrams.of(processInstanceKey).orElse(null));
    return auditTrail;
  }
}
