package io.flowdesk.domain.cmdb;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * Table {@code domain.ci} as JPA maps it (V14); Flyway owns the schema, Hibernate validates it. The
 * id is assigned here (a new row has no version yet, which is how Spring Data tells it is new).
 */
@Entity
@Table(name = "ci", schema = "domain")
@DynamicUpdate
class CiRow {

  @Id private UUID id;

  @Column(name = "class_name", nullable = false, updatable = false, length = 64)
  private String className;

  @Column(nullable = false, length = 200)
  private String name;

  @Column(length = 64)
  private String owner;

  @Column(name = "support_group", length = 64)
  private String supportGroup;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 12)
  private Environment environment;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 14)
  private LifecycleStatus status;

  @Enumerated(EnumType.STRING)
  @Column(length = 8)
  private Criticality criticality;

  @Column(name = "maintenance_window", length = 500)
  private String maintenanceWindow;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false)
  private Map<String, Object> attributes;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version
  @Column(nullable = false)
  private Long version;

  protected CiRow() {}

  CiRow(final UUID id, final String className, final Instant now) {
    this.id = id;
    this.className = className;
    this.createdAt = now.truncatedTo(ChronoUnit.MICROS);
    this.updatedAt = createdAt;
  }

  UUID id() {
    return id;
  }

  String className() {
    return className;
  }

  /** Takes the checked fields of a draft. */
  void take(final CheckedCi checked, final Instant now) {
    this.name = checked.name();
    this.owner = checked.owner();
    this.supportGroup = checked.supportGroup();
    this.environment = checked.environment();
    this.status = checked.status();
    this.criticality = checked.criticality();
    this.maintenanceWindow =
        checked.maintenanceWindow() == null ? null : checked.maintenanceWindow().toString();
    this.attributes = new LinkedHashMap<>(checked.attributes());
    this.updatedAt = now.truncatedTo(ChronoUnit.MICROS);
  }

  ConfigurationItem view() {
    return new ConfigurationItem(
        id,
        className,
        name,
        owner,
        supportGroup,
        environment,
        status,
        criticality,
        MaintenanceWindow.parse(maintenanceWindow),
        attributes == null ? Map.of() : Map.copyOf(attributes),
        createdAt,
        updatedAt,
        version == null ? 0 : version);
  }
}
