package io.flowdesk.domain.alert;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** Table {@code domain.monitoring_alert} (V47) as JPA maps it; Flyway owns the schema. */
@Entity
@Table(name = "monitoring_alert", schema = "domain")
class AlertRow {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, updatable = false, length = 64)
  private String source;

  @Column(nullable = false, updatable = false, length = 200)
  private String fingerprint;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 10)
  private AlertStatus status;

  @Column(nullable = false, length = 160)
  private String summary;

  @Column(name = "incident_number", length = 20)
  private String incidentNumber;

  @Column(name = "opening_since")
  private Instant openingSince;

  @Column(name = "fired_count", nullable = false)
  private int firedCount;

  @Column(name = "first_fired_at", nullable = false)
  private Instant firstFiredAt;

  @Column(name = "last_event_at", nullable = false)
  private Instant lastEventAt;

  @Version private long version;

  protected AlertRow() {}

  long id() {
    return id;
  }

  String source() {
    return source;
  }

  String fingerprint() {
    return fingerprint;
  }

  AlertStatus status() {
    return status;
  }

  String summary() {
    return summary;
  }

  String incidentNumber() {
    return incidentNumber;
  }

  Instant openingSince() {
    return openingSince;
  }

  int firedCount() {
    return firedCount;
  }

  Instant firstFiredAt() {
    return firstFiredAt;
  }

  Instant lastEventAt() {
    return lastEventAt;
  }

  void fired(final String newSummary, final Instant at) {
    status = AlertStatus.FIRING;
    summary = newSummary;
    firedCount++;
    lastEventAt = at;
  }

  void resolved(final Instant at) {
    status = AlertStatus.RESOLVED;
    lastEventAt = at;
  }

  void opening(final Instant at) {
    openingSince = at;
  }

  void opened(final String number) {
    incidentNumber = number;
    openingSince = null;
  }

  void openingFailed() {
    openingSince = null;
  }
}
