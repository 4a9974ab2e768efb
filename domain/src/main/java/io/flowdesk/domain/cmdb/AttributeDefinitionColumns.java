package io.flowdesk.domain.cmdb;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A row of {@code domain.ci_attribute_definition} as JPA maps it (V13, V29). */
@Embeddable
class AttributeDefinitionColumns {

  @Column(nullable = false, length = 64)
  private String name;

  @Column(nullable = false, length = 200)
  private String label;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 10)
  private AttributeType type;

  @Column(nullable = false)
  private boolean required;

  @JdbcTypeCode(SqlTypes.JSON)
  private List<String> options;

  @Column(nullable = false)
  private int position;

  @Column(name = "reference_class", length = 64)
  private String referenceClass;

  protected AttributeDefinitionColumns() {}

  AttributeDefinitionColumns(final AttributeDefinition definition, final int position) {
    this.name = definition.name();
    this.label = definition.label();
    this.type = definition.type();
    this.required = definition.required();
    this.options = definition.type() == AttributeType.CHOICE ? definition.options() : null;
    this.position = position;
    this.referenceClass =
        definition.type() == AttributeType.REFERENCE ? definition.referenceClass() : null;
  }

  AttributeDefinition view() {
    return new AttributeDefinition(name, label, type, required, options, referenceClass);
  }
}
