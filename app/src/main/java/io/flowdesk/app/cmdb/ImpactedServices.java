package io.flowdesk.app.cmdb;

import io.flowdesk.domain.cmdb.Cmdb;
import io.flowdesk.domain.cmdb.ConfigurationItem;
import io.flowdesk.domain.cmdb.Criticality;
import io.flowdesk.domain.cmdb.ImpactAnalysis;
import io.flowdesk.domain.cmdb.ImpactDirection;
import io.flowdesk.domain.cmdb.ImpactedCi;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The business services and applications that suffer when some CIs fail: impact analysis upwards
 * from each (default depth), the CIs themselves included when they are services. What the agent
 * sees on an incident and what the change risk assessment weighs.
 */
@Component
public class ImpactedServices {

  private final Cmdb cmdb;

  ImpactedServices(final Cmdb cmdb) {
    this.cmdb = cmdb;
  }

  /** An impacted service and how critical it is (null when nobody said). */
  public record ImpactedService(UUID id, String name, String className, Criticality criticality) {

    /** Most critical first, then by name; services without a criticality last. */
    static final Comparator<ImpactedService> MOST_CRITICAL_FIRST =
        Comparator.comparing(
                ImpactedService::criticality, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(ImpactedService::name, String.CASE_INSENSITIVE_ORDER);
  }

  /** The services impacted by any of the CIs (each once), most critical first. */
  public List<ImpactedService> of(final Collection<UUID> ciIds) {
    final Map<UUID, ImpactedService> services = new LinkedHashMap<>();
    for (final UUID ciId : ciIds) {
      final Optional<ConfigurationItem> ci = cmdb.find(ciId);
      if (ci.isEmpty()) {
        continue;
      }
      if (ci.get().criticality() != null
          || cmdb.ciClass(ci.get().className()).map(c -> c.service()).orElse(false)) {
        services.putIfAbsent(
            ci.get().id(),
            new ImpactedService(
                ci.get().id(), ci.get().name(), ci.get().className(), ci.get().criticality()));
      }
      for (final ImpactedCi reached :
          cmdb.impact(ciId, ImpactDirection.UP, ImpactAnalysis.DEFAULT_DEPTH).services()) {
        services.putIfAbsent(
            reached.id(),
            new ImpactedService(
                reached.id(), reached.name(), reached.className(), reached.criticality()));
      }
    }
    return services.values().stream().sorted(ImpactedService.MOST_CRITICAL_FIRST).toList();
  }

  /** The highest criticality among the services the CIs impact; empty when none has one. */
  public Optional<Criticality> highestCriticality(final Collection<UUID> ciIds) {
    return of(ciIds).stream()
        .map(ImpactedService::criticality)
        .filter(c -> c != null)
        .max(Comparator.naturalOrder());
  }
}
