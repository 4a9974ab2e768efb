package io.flowdesk.domain.cmdb;

import java.util.List;
import java.util.UUID;

/**
 * A CI impact analysis reached: at {@code depth} relationships from the origin, along {@code path}
 * (CI ids from the origin to this CI, both included; a shortest one), the last step being a
 * relationship of type {@code via}. {@code service}: of a service class (business service,
 * application).
 */
public record ImpactedCi(
    UUID id,
    String name,
    String className,
    boolean service,
    Criticality criticality,
    LifecycleStatus status,
    int depth,
    List<UUID> path,
    RelationshipType via) {

  public ImpactedCi {
    path = List.copyOf(path);
  }

  /** The same CI reached along {@code path}. */
  ImpactedCi withPath(final List<UUID> path) {
    return new ImpactedCi(id, name, className, service, criticality, status, depth, path, via);
  }

  /** The CI one step nearer the origin on the path. */
  public UUID previous() {
    return path.get(path.size() - 2);
  }
}
