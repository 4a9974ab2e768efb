package io.flowdesk.engine.rest;

import io.flowdesk.engine.command.CommandCore;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Variables and the element instances they live in: setting variables on a scope, and searching and
 * reading both, ended ones included as {@link InstanceHistory} finds them.
 */
final class VariableEndpoints {

  private final CommandCore core;
  private final Search search;
  private final InstanceHistory history;

  VariableEndpoints(final CommandCore core, final Search search, final InstanceHistory history) {
    this.core = core;
    this.search = search;
    this.history = history;
  }

  void register(final Router router) {
    router
        .add("PUT", "/element-instances/{elementInstanceKey}/variables", this::setVariables)
        .add("POST", "/element-instances/search", this::searchElementInstances)
        .add("GET", "/element-instances/{elementInstanceKey}", this::elementInstance)
        .add("POST", "/variables/search", this::searchVariables)
        .add("GET", "/variables/{variableKey}", this::variable);
  }

  private void setVariables(final Exchange exchange) {
    final JsonBody body = exchange.json();
    core.processInstances()
        .setVariables(
            exchange.pathKey("elementInstanceKey"),
            body.document("variables"),
            Boolean.TRUE.equals(body.bool("local")));
    exchange.noContent();
  }

  private void searchElementInstances(final Exchange exchange) {
    final JsonBody request = exchange.json();
    final SearchSpec spec =
        InstanceHistory.namedInstances(request.object("filter"))
            .map(SearchSpecs::elementInstancesOf)
            .orElse(SearchSpecs.ELEMENT_INSTANCES);
    exchange.json(200, search.run(spec, request));
  }

  private void elementInstance(final Exchange exchange) {
    final long key = exchange.pathKey("elementInstanceKey");
    exchange.json(
        200,
        byKey(
            SearchSpecs.ELEMENT_INSTANCES,
            instance -> SearchSpecs.elementInstancesOf(List.of(instance)),
            "elementInstanceKey",
            key,
            "element instance"));
  }

  /** One variable, its value never truncated. */
  private void variable(final Exchange exchange) {
    final long key = exchange.pathKey("variableKey");
    exchange.json(
        200,
        byKey(
            SearchSpecs.variables(false),
            instance -> SearchSpecs.variablesOf(List.of(instance), false),
            "variableKey",
            key,
            "variable"));
  }

  /** The live item, else the ended one of the instance whose record log names the key. */
  private Map<String, Object> byKey(
      final SearchSpec live,
      final LongFunction<SearchSpec> ofInstance,
      final String keyField,
      final long key,
      final String what) {
    return search
        .find(live, keyField, key)
        .or(
            () ->
                history
                    .instanceOfRecord(key)
                    .flatMap(instance -> search.find(ofInstance.apply(instance), keyField, key)))
        .orElseThrow(() -> Search.notFound(what, key));
  }

  private void searchVariables(final Exchange exchange) {
    final boolean truncate = !"false".equals(exchange.request().getParameter("truncateValues"));
    final JsonBody request = exchange.json();
    final SearchSpec spec =
        InstanceHistory.namedInstances(request.object("filter"))
            .map(keys -> SearchSpecs.variablesOf(keys, truncate))
            .orElse(SearchSpecs.variables(truncate));
    exchange.json(200, search.run(spec, request));
  }
}
