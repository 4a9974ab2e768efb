package io.flowdesk.domain.cmdb;

import java.util.List;

/** What impact analysis found from {@code origin}: the reached CIs by depth, then name. */
public record Impact(
    ConfigurationItem origin, ImpactDirection direction, int depth, List<ImpactedCi> reached) {

  public Impact {
    reached = List.copyOf(reached);
  }

  /** The business services and applications among them. */
  public List<ImpactedCi> services() {
    return reached.stream().filter(ImpactedCi::service).toList();
  }
}
