package io.flowdesk.app.operate.definition;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.CamundaFuture;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.filter.ProcessInstanceFilter;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.client.api.search.response.SearchResponse;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * Counts process instances through the engine's process instance search: the total of a one-item
 * page per state, so no instance is fetched. The three questions are sent at once; {@link
 * Pending#join} waits for them, so a page with many processes asks for all before waiting.
 */
@Component
class InstanceCounting {

  private final CamundaClient client;

  InstanceCounting(final CamundaClient client) {
    this.client = client;
  }

  /** The counts of every version of the process {@code processDefinitionId}. */
  Pending ofProcess(final String processDefinitionId) {
    return count(f -> f.processDefinitionId(processDefinitionId));
  }

  /** The counts of one deployed definition. */
  Pending ofDefinition(final long processDefinitionKey) {
    return count(f -> f.processDefinitionKey(processDefinitionKey));
  }

  private Pending count(final Consumer<ProcessInstanceFilter> scope) {
    return new Pending(
        total(scope.andThen(f -> f.state(ProcessInstanceState.ACTIVE))),
        total(scope.andThen(f -> f.state(ProcessInstanceState.COMPLETED))),
        total(scope.andThen(f -> f.state(ProcessInstanceState.ACTIVE).hasIncident(true))));
  }

  private CamundaFuture<SearchResponse<ProcessInstance>> total(
      final Consumer<ProcessInstanceFilter> filter) {
    return client.newProcessInstanceSearchRequest().filter(filter).page(p -> p.limit(1)).send();
  }

  /** Counts asked for and not yet answered. */
  static final class Pending {

    private final CamundaFuture<SearchResponse<ProcessInstance>> running;
    private final CamundaFuture<SearchResponse<ProcessInstance>> completed;
    private final CamundaFuture<SearchResponse<ProcessInstance>> withIncident;

    private Pending(
        final CamundaFuture<SearchResponse<ProcessInstance>> running,
        final CamundaFuture<SearchResponse<ProcessInstance>> completed,
        final CamundaFuture<SearchResponse<ProcessInstance>> withIncident) {
      this.running = running;
      this.completed = completed;
      this.withIncident = withIncident;
    }

    InstanceCounts join() {
      return new InstanceCounts(total(running), total(completed), total(withIncident));
    }

    private static long total(final CamundaFuture<SearchResponse<ProcessInstance>> search) {
      final Long total = search.join().page().totalItems();
      return total == null ? 0 : total;
    }
  }
}
