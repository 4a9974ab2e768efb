package io.flowdesk.app.alert;

import io.flowdesk.app.incident.IncidentReporting;
import io.flowdesk.domain.alert.AlertStep;
import io.flowdesk.domain.alert.MonitoringAlerts;
import io.flowdesk.domain.incident.ChangeSource;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.incident.JournalKind;
import io.flowdesk.workers.incident.IncidentResolveTask;

/**
 * Turns monitoring alerts into incidents, one incident per alert while it is open ({@link
 * MonitoringAlerts} decides under the alert's lock): a first firing opens an incident reported by
 * the sender's account, a repeat counts, a resolution resolves the incident through its own
 * "Resolve incident" task so its caller is told as for any resolution.
 */
class AlertIntake {

  /** The resolve form's code for a resolution the reporting system itself announced. */
  static final String RESOLUTION_CODE = "resolved-by-caller";

  private final MonitoringAlerts alerts;
  private final IncidentReporting reporting;
  private final IncidentRecords incidents;
  private final IncidentResolveTask resolveTask;

  AlertIntake(
      final MonitoringAlerts alerts,
      final IncidentReporting reporting,
      final IncidentRecords incidents,
      final IncidentResolveTask resolveTask) {
    this.alerts = alerts;
    this.reporting = reporting;
    this.incidents = incidents;
    this.resolveTask = resolveTask;
  }

  /** Takes one alert delivered by {@code sender}'s account and says what became of it. */
  AlertOutcome take(final IncomingAlert alert, final String sender) {
    final String fingerprint = alert.event().fingerprint();
    final AlertStep step = alerts.deliver(alert.event());
    if (step instanceof AlertStep.Open open) {
      return open(alert, sender, open);
    }
    if (step instanceof AlertStep.Repeat repeat) {
      return new AlertOutcome(
          fingerprint, AlertOutcome.Action.REPEATED, repeat.incidentNumber(), null);
    }
    if (step instanceof AlertStep.Resolve resolve) {
      return resolve(fingerprint, resolve.incidentNumber(), sender);
    }
    return new AlertOutcome(
        fingerprint, AlertOutcome.Action.IGNORED, null, ((AlertStep.Nothing) step).reason());
  }

  private AlertOutcome open(
      final IncomingAlert alert, final String sender, final AlertStep.Open open) {
    final Incident incident;
    try {
      incident = reporting.report(sender, alert.report());
    } catch (RuntimeException failed) {
      alerts.openingFailed(open.alertId());
      throw failed;
    }
    alerts.opened(open.alertId(), incident.number());
    incidents.addJournalEntry(
        incident.id(),
        JournalKind.WORK_NOTE,
        "Opened by monitoring alert "
            + alert.event().fingerprint()
            + " from "
            + alert.event().source()
            + (open.previous() == null
                ? "."
                : "; it fired before as " + open.previous() + ", which has ended."),
        ChangeSource.person(sender));
    return new AlertOutcome(
        alert.event().fingerprint(), AlertOutcome.Action.OPENED, incident.number(), null);
  }

  private AlertOutcome resolve(
      final String fingerprint, final String incidentNumber, final String sender) {
    final Incident incident = incidents.findByNumber(incidentNumber).orElseThrow();
    final boolean resolved =
        resolveTask.resolve(
            incident,
            RESOLUTION_CODE,
            "The monitoring alert that opened this incident has resolved.");
    if (resolved) {
      return new AlertOutcome(fingerprint, AlertOutcome.Action.RESOLVED, incidentNumber, null);
    }
    final String reason =
        "the alert resolved while the incident has no open resolve task; resolve it on its page";
    incidents.addJournalEntry(
        incident.id(),
        JournalKind.WORK_NOTE,
        "The monitoring alert resolved, but the incident could not be resolved with it: it has no"
            + " open resolve task. Please resolve it on this page.",
        ChangeSource.person(sender));
    return new AlertOutcome(fingerprint, AlertOutcome.Action.IGNORED, incidentNumber, reason);
  }
}
