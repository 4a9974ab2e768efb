package io.flowdesk.domain.cmdb;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Table {@code domain.ci_relationship} (V14): immutable once written, deleted as a whole. */
@Entity
@Table(name = "ci_relationship", schema = "domain")
class RelationshipRow {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "source_id", nullable = false, updatable = false)
  private UUID sourceId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, updatable = false, length = 12)
  private RelationshipType type;

  @Column(name = "target_id", nullable = false, updatable = false)
  private UUID targetId;

  @Column(name = "created_by", nullable = false, updatable = false, length = 64)
  private String createdBy;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  protected RelationshipRow() {}

  RelationshipRow(
      final UUID sourceId,
      final RelationshipType type,
      final UUID targetId,
      final String createdBy,
      final Instant now) {
    this.sourceId = sourceId;
    this.type = type;
    this.targetId = targetId;
    this.createdBy = createdBy;
    this.createdAt = now.truncatedTo(ChronoUnit.MICROS);
  }

  long id() {
    return id;
  }

  UUID sourceId() {
    return sourceId;
  }

  UUID targetId() {
    return targetId;
  }

  RelationshipType type() {
    return type;
  }
}
