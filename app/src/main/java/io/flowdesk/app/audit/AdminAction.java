package io.flowdesk.app.audit;

import java.util.Map;
import java.util.Objects;

/**
 * One administrative action (users, groups, roles, secrets, tokens, deployments, settings),
 * published as a Spring application event by whoever performs it, inside the transaction that
 * performs it, so the admin audit trail records it or neither happens. {@code before} and {@code
 * after} hold the changed fields only (never a password, hash, token or secret value); either may
 * be empty.
 *
 * @param actor username of the person (or "system") who acted
 * @param action what was done, dotted lower case, e.g. {@code user.created}, {@code secret.deleted}
 * @param target what it was done to, e.g. {@code user:alice}, {@code secret:smtp-password}
 */
public record AdminAction(
    String actor,
    String action,
    String target,
    Map<String, Object> before,
    Map<String, Object> after) {

  public AdminAction {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(target, "target");
    before = before == null ? Map.of() : Map.copyOf(before);
    after = after == null ? Map.of() : Map.copyOf(after);
  }
}
