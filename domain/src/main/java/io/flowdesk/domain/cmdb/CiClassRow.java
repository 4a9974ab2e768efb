package io.flowdesk.domain.cmdb;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Table {@code domain.ci_class} with its attribute definitions (V13); Hibernate validates it. */
@Entity
@Table(name = "ci_class", schema = "domain")
class CiClassRow {

  @Id
  @Column(length = 64)
  private String name;

  @Column(nullable = false, length = 200)
  private String label;

  @Column(nullable = false, updatable = false)
  private boolean shipped;

  @Column(nullable = false)
  private boolean service;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(
      name = "ci_attribute_definition",
      schema = "domain",
      joinColumns = @JoinColumn(name = "class_name"))
  @OrderBy("position")
  private List<AttributeDefinitionColumns> attributes = new ArrayList<>();

  protected CiClassRow() {}

  CiClassRow(final CiClass defined, final Instant now) {
    this.name = defined.name();
    this.label = defined.label();
    this.shipped = false;
    this.service = defined.service();
    this.createdAt = now.truncatedTo(ChronoUnit.MICROS);
    for (int i = 0; i < defined.attributes().size(); i++) {
      attributes.add(new AttributeDefinitionColumns(defined.attributes().get(i), i + 1));
    }
  }

  /**
   * Takes a redefinition's label, service flag and attributes (name and shipped stay); the caller
   * has checked that no attribute a CI uses is lost or retyped.
   */
  void redefine(final CiClass redefined) {
    this.label = redefined.label();
    this.service = redefined.service();
    attributes.clear();
    for (int i = 0; i < redefined.attributes().size(); i++) {
      attributes.add(new AttributeDefinitionColumns(redefined.attributes().get(i), i + 1));
    }
  }

  CiClass view() {
    return new CiClass(
        name,
        label,
        shipped,
        service,
        attributes.stream().map(AttributeDefinitionColumns::view).toList());
  }
}
