package io.flowdesk.engine.rest;

import io.flowdesk.engine.command.CommandCore;

/** Incidents: resolution, and reads by key and by search. */
final class IncidentEndpoints {

  private final CommandCore core;
  private final Search search;

  IncidentEndpoints(final CommandCore core, final Search search) {
    this.core = core;
    this.search = search;
  }

  void register(final Router router) {
    router
        .add("POST", "/incidents/{incidentKey}/resolution", this::resolve)
        .add("POST", "/incidents/search", this::search)
        .add("GET", "/incidents/{incidentKey}", this::get);
  }

  private void resolve(final Exchange exchange) {
    exchange.json(); // Only operationReference may come, which the engine does not track.
    core.incidents().resolveIncident(exchange.pathKey("incidentKey"));
    exchange.noContent();
  }

  private void search(final Exchange exchange) {
    exchange.json(200, search.run(SearchSpecs.INCIDENTS, exchange.json()));
  }

  private void get(final Exchange exchange) {
    final long key = exchange.pathKey("incidentKey");
    exchange.json(200, search.get(SearchSpecs.INCIDENTS, "incidentKey", key, "incident"));
  }
}
