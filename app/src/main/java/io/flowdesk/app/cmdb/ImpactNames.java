package io.flowdesk.app.cmdb;

import io.flowdesk.domain.cmdb.Impact;
import io.flowdesk.domain.cmdb.ImpactedCi;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** The names of every CI on an impact's paths: the origin and the reached CIs. */
final class ImpactNames {

  private ImpactNames() {}

  static Map<UUID, String> of(final Impact impact) {
    final Map<UUID, String> names = new HashMap<>();
    names.put(impact.origin().id(), impact.origin().name());
    for (final ImpactedCi ci : impact.reached()) {
      names.put(ci.id(), ci.name());
    }
    return names;
  }
}
