package io.flowdesk.domain.alert;

import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.incident.IncidentState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * De-duplicates monitoring alerts into incidents: one incident per alert (source and fingerprint)
 * while it is open, counted on every repeat, resolved when the alert resolves. Each delivery is
 * decided in one transaction under the alert's row lock, so concurrent or repeated deliveries of
 * the same alert never open two incidents. Opening the incident itself happens outside that
 * transaction (the incident's process must see its committed record): the alert is claimed for it,
 * and a claim left by a node that died is taken over after {@link #CLAIM_EXPIRY}.
 */
public class MonitoringAlerts {

  static final Duration CLAIM_EXPIRY = Duration.ofMinutes(5);

  private static final Set<IncidentState> OPEN =
      EnumSet.of(IncidentState.NEW, IncidentState.IN_PROGRESS, IncidentState.ON_HOLD);

  private final AlertRepository rows;
  private final IncidentRecords incidents;
  private final TransactionTemplate transaction;
  private final Clock clock;

  MonitoringAlerts(
      final AlertRepository rows,
      final IncidentRecords incidents,
      final PlatformTransactionManager transactionManager,
      final Clock clock) {
    this.rows = rows;
    this.incidents = incidents;
    this.transaction = new TransactionTemplate(transactionManager);
    this.clock = clock;
  }

  /** Records a delivery of {@code event} and says what it asks for. */
  public AlertStep deliver(final AlertEvent event) {
    return transaction.execute(
        status -> event.status() == AlertStatus.FIRING ? fired(event) : resolved(event));
  }

  private AlertStep fired(final AlertEvent event) {
    final Instant now = clock.instant();
    final String summary = shorten(event.summary());
    rows.insertIfAbsent(event.source(), event.fingerprint(), summary, now);
    final AlertRow row = rows.lock(event.source(), event.fingerprint()).orElseThrow();
    row.fired(summary, now);
    if (row.incidentNumber() != null && isOpen(row.incidentNumber())) {
      return new AlertStep.Repeat(row.incidentNumber(), row.firedCount());
    }
    if (row.openingSince() != null && row.openingSince().isAfter(now.minus(CLAIM_EXPIRY))) {
      return new AlertStep.Nothing("an incident for this alert is being opened");
    }
    row.opening(now);
    return new AlertStep.Open(row.id(), row.incidentNumber());
  }

  private AlertStep resolved(final AlertEvent event) {
    final Optional<AlertRow> found = rows.lock(event.source(), event.fingerprint());
    if (found.isEmpty()) {
      return new AlertStep.Nothing("no such alert has fired");
    }
    final AlertRow row = found.get();
    row.resolved(clock.instant());
    if (row.incidentNumber() == null || !isOpen(row.incidentNumber())) {
      return new AlertStep.Nothing("the alert's incident is not open");
    }
    return new AlertStep.Resolve(row.incidentNumber());
  }

  /** The incident opened for a claimed alert. */
  public void opened(final long alertId, final String incidentNumber) {
    transaction.executeWithoutResult(
        status -> rows.lock(alertId).orElseThrow().opened(incidentNumber));
  }

  /** Opening the incident failed: the next delivery tries again. */
  public void openingFailed(final long alertId) {
    transaction.executeWithoutResult(status -> rows.lock(alertId).orElseThrow().openingFailed());
  }

  /** The alert an incident was opened for, if any. */
  public Optional<MonitoringAlert> forIncident(final String incidentNumber) {
    return rows.findFirstByIncidentNumber(incidentNumber).map(MonitoringAlert::of);
  }

  private boolean isOpen(final String incidentNumber) {
    return incidents
        .findByNumber(incidentNumber)
        .filter(incident -> OPEN.contains(incident.state()))
        .isPresent();
  }

  private static String shorten(final String summary) {
    final String text = summary == null ? "" : summary.strip();
    return text.length() <= 160 ? text : text.substring(0, 159) + "…";
  }
}
