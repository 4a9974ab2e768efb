package io.flowdesk.domain.change;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Table {@code domain.change_template} (V18), read only here: the templates are data. */
@Entity
@Table(name = "change_template", schema = "domain")
class ChangeTemplateRow {

  @Id
  @Column(length = 64)
  private String id;

  @Column(nullable = false, length = 160)
  private String name;

  @Column(nullable = false, length = 10_000)
  private String description;

  @Column(name = "assignment_group", length = 64)
  private String assignmentGroup;

  @Column(name = "implementation_plan", nullable = false, length = 10_000)
  private String implementationPlan;

  @Column(name = "backout_plan", nullable = false, length = 10_000)
  private String backoutPlan;

  @Column(name = "test_plan", nullable = false, length = 10_000)
  private String testPlan;

  @Column(nullable = false)
  private boolean active;

  @Column(name = "sort_order", nullable = false)
  private int sortOrder;

  protected ChangeTemplateRow() {}

  ChangeTemplate view() {
    return new ChangeTemplate(
        id, name, description, assignmentGroup, implementationPlan, backoutPlan, testPlan);
  }
}
