package io.flowdesk.app.operate.definition;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.CamundaFuture;
import io.camunda.client.api.search.response.DecisionDefinition;
import io.camunda.client.api.search.response.DecisionRequirements;
import io.camunda.client.api.search.response.SearchResponse;
import io.flowdesk.app.system.PageNumbers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The deployed decisions with their versions and requirements graphs. Camunda 8.8's decision search
 * filters names only by equality, so the search text is matched here, over at most {@value
 * #MAX_VERSIONS} decision versions (far more than a service desk deploys), and paged here.
 */
@Component
class DecisionCatalog {

  static final int MAX_VERSIONS = 1000;

  private final CamundaClient client;

  DecisionCatalog(final CamundaClient client) {
    this.client = client;
  }

  /** Page {@code page} of the decisions whose id or name contains {@code query} (any case). */
  Listing<DeployedDecision> list(final String query, final int page) {
    final String text = query == null ? "" : query.strip();
    final CamundaFuture<SearchResponse<DecisionRequirements>> graphs =
        client.newDecisionRequirementsSearchRequest().page(p -> p.limit(MAX_VERSIONS)).send();
    final List<DecisionDefinition> definitions =
        client
            .newDecisionDefinitionSearchRequest()
            .sort(s -> s.decisionDefinitionId().asc().version().desc())
            .page(p -> p.limit(MAX_VERSIONS))
            .send()
            .join()
            .items();
    final Map<Long, DecisionRequirements> byKey =
        graphs.join().items().stream()
            .collect(
                Collectors.toMap(
                    DecisionRequirements::getDecisionRequirementsKey,
                    Function.identity(),
                    (a, b) -> a));
    final Map<String, List<DecisionDefinition>> byId = new LinkedHashMap<>();
    for (final DecisionDefinition definition : definitions) {
      if (matches(definition, text)) {
        byId.computeIfAbsent(definition.getDmnDecisionId(), id -> new ArrayList<>())
            .add(definition);
      }
    }
    final int at = PageNumbers.within(page);
    final List<DeployedDecision> shown =
        byId.values().stream()
            .skip((long) at * Listing.PAGE_SIZE)
            .limit(Listing.PAGE_SIZE)
            .map(versions -> decision(versions, byKey))
            .toList();
    return new Listing<>(shown, at, byId.size(), text);
  }

  private static boolean matches(final DecisionDefinition definition, final String text) {
    if (text.isEmpty()) {
      return true;
    }
    final String wanted = text.toLowerCase(Locale.ROOT);
    return contains(definition.getDmnDecisionId(), wanted)
        || contains(definition.getDmnDecisionName(), wanted);
  }

  private static boolean contains(final String value, final String lowerCaseText) {
    return value != null && value.toLowerCase(Locale.ROOT).contains(lowerCaseText);
  }

  private static DeployedDecision decision(
      final List<DecisionDefinition> versions, final Map<Long, DecisionRequirements> graphs) {
    final DecisionDefinition latest = versions.get(0);
    final String name =
        latest.getDmnDecisionName() == null || latest.getDmnDecisionName().isBlank()
            ? latest.getDmnDecisionId()
            : latest.getDmnDecisionName();
    return new DeployedDecision(
        latest.getDmnDecisionId(),
        name,
        versions.stream()
            .map(
                v -> {
                  final DecisionRequirements graph = graphs.get(v.getDecisionRequirementsKey());
                  final String graphName =
                      graph == null
                              || graph.getDmnDecisionRequirementsName() == null
                              || graph.getDmnDecisionRequirementsName().isBlank()
                          ? v.getDmnDecisionRequirementsId()
                          : graph.getDmnDecisionRequirementsName();
                  return new DeployedDecision.Version(
                      v.getDecisionKey(),
                      v.getVersion(),
                      v.getDmnDecisionRequirementsId(),
                      graphName,
                      graph == null ? 0 : graph.getVersion(),
                      graph == null || graph.getResourceName() == null
                          ? ""
                          : graph.getResourceName());
                })
            .toList());
  }
}
