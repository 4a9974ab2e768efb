package io.flowdesk.engine.access;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a client of the engine's APIs may do, a coarse form of Camunda 8's authorizations. Each gRPC
 * call and REST endpoint needs one of them; a few (topology, license) need none beyond being
 * authenticated.
 */
public enum EnginePermission {
  /** Deploy and delete resources (processes, decisions, forms). */
  DEPLOY("deploy"),
  /**
   * Change running processes: start, cancel, modify instances, publish messages, broadcast signals,
   * set variables, resolve incidents, evaluate decisions, and work on jobs (job workers).
   */
  OPERATE("operate"),
  /** Assign, update and complete user tasks (a tasklist). */
  USER_TASKS("user-tasks"),
  /** Read and search definitions, instances, variables, tasks, incidents and forms. */
  READ("read");

  /** Every permission: configured credentials and the engine's own client have them all. */
  public static final Set<EnginePermission> ALL =
      java.util.Collections.unmodifiableSet(EnumSet.allOf(EnginePermission.class));

  private final String label;

  EnginePermission(final String label) {
    this.label = label;
  }

  /** The name used in configuration and OAuth scopes ({@code engine:<label>}). */
  public String label() {
    return label;
  }

  /** The permission a configured name stands for ({@code deploy}, {@code user-tasks} ...). */
  public static Optional<EnginePermission> named(final String name) {
    final String wanted = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    return Arrays.stream(values()).filter(p -> p.label.equals(wanted)).findFirst();
  }
}
