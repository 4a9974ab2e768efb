package io.flowdesk.app.alert;

import io.flowdesk.domain.alert.AlertEvent;
import io.flowdesk.domain.incident.Level;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An alert as delivered, with what an incident opened for it needs: the text, the impact and
 * urgency its severity stands for, the CI and category it names.
 */
record IncomingAlert(
    AlertEvent event, String description, Severity severity, String ci, String category) {

  /** The incident report's values (the report form's variables). */
  Map<String, Object> report() {
    final Map<String, Object> report = new LinkedHashMap<>();
    report.put("shortDescription", event.summary());
    report.put("description", description);
    report.put("category", category);
    report.put("configurationItem", ci);
    report.put("impact", severity.impact().name().toLowerCase(Locale.ROOT));
    report.put("urgency", severity.urgency().name().toLowerCase(Locale.ROOT));
    return report;
  }

  /** An alert's severity, as Prometheus rules and most monitoring tools name it. */
  enum Severity {
    CRITICAL(Level.HIGH, Level.HIGH),
    MAJOR(Level.HIGH, Level.MEDIUM),
    WARNING(Level.MEDIUM, Level.MEDIUM),
    MINOR(Level.LOW, Level.MEDIUM),
    INFO(Level.LOW, Level.LOW);

    private final Level impact;
    private final Level urgency;

    Severity(final Level impact, final Level urgency) {
      this.impact = impact;
      this.urgency = urgency;
    }

    Level impact() {
      return impact;
    }

    Level urgency() {
      return urgency;
    }
  }
}
