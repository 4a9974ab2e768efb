package io.flowdesk.domain.change;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.UUID;

/**
 * A configuration item a change touches: the CMDB's stable id and the name it had when the change
 * was raised (shown without asking the CMDB).
 */
@Embeddable
public record AffectedCi(
    @Column(name = "ci_id", nullable = false) UUID ciId,
    @Column(name = "ci_name", nullable = false, length = 200) String name) {

  /** The longest CI name kept. */
  public static final int NAME = 200;

  /**
   * A CI from its id as text.
   *
   * @throws IllegalArgumentException when the id is not a UUID or the name is missing or too long
   */
  public static AffectedCi of(final String ciId, final String name) {
    if (ciId == null || ciId.isBlank()) {
      throw new IllegalArgumentException("affected CI id is required");
    }
    final UUID id;
    try {
      id = UUID.fromString(ciId.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("affected CI id '" + ciId + "' is not a UUID", e);
    }
    return new AffectedCi(id, name);
  }
}
