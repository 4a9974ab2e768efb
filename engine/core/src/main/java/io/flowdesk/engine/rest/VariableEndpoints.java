package io.flowdesk.engine.rest;

import io.flowdesk.engine.command.CommandCore;

/**
 * Variables and the element instances they live in: setting variables on a scope, and searching and
 * reading both.
 */
final class VariableEndpoints {

  private final CommandCore core;
  private final Search search;

  VariableEndpoints(final CommandCore core, final Search search) {
    this.core = core;
    this.search = search;
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
    exchange.json(200, search.run(SearchSpecs.ELEMENT_INSTANCES, exchange.json()));
  }

  private void elementInstance(final Exchange exchange) {
    final long key = exchange.pathKey("elementInstanceKey");
    exchange.json(
        200,
        search.get(SearchSpecs.ELEMENT_INSTANCES, "elementInstanceKey", key, "element instance"));
  }

  /** One variable, its value never truncated. */
  private void variable(final Exchange exchange) {
    final long key = exchange.pathKey("variableKey");
    exchange.json(200, search.get(SearchSpecs.variables(false), "variableKey", key, "variable"));
  }

  private void searchVariables(final Exchange exchange) {
    final boolean truncate = !"false".equals(exchange.request().getParameter("truncateValues"));
    exchange.json(200, search.run(SearchSpecs.variables(truncate), exchange.json()));
  }
}
