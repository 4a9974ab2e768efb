package io.flowdesk.domain.change.conflict;

import java.time.Instant;
import java.util.UUID;

/**
 * A conflict detected for change {@code changeId}, as stored.
 *
 * @param detail a sentence for people, naming the other change, CI or blackout window
 * @param ciId the change's CI it concerns; null for the implementer and global blackouts
 * @param ciName that CI's name
 * @param relatedCiId the parent or child CI (PARENT_CI, CHILD_CI) or the business service (a
 *     blackout on a service); else null
 * @param otherChange the other change's number (SAME_CI, PARENT_CI, CHILD_CI, IMPLEMENTER); else
 *     null
 * @param blackoutId the blackout window (BLACKOUT); else null
 * @param overriddenBy who overrode it at the authorization; null while it is open
 */
public record ChangeConflict(
    long changeId,
    ConflictRule rule,
    String detail,
    long id,
    UUID ciId,
    String ciName,
    UUID relatedCiId,
    String otherChange,
    Long blackoutId,
    Instant detectedAt,
    String overriddenBy,
    Instant overriddenAt,
    String overrideReason) {

  /** Whether nobody has overridden it yet: it stands in the way of approving a normal change. */
  public boolean open() {
    return overriddenAt == null;
  }
}
