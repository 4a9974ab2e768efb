package io.flowdesk.engine.rest;

import io.flowdesk.engine.deployment.StartForms;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Deployed process and decision definitions: searched, read by key, their XML as deployed (a
 * decision's XML is its whole requirements graph, the DMN resource it came in), decision
 * requirements graphs, a process's start form, and deployed forms (searched, read by key).
 */
final class DefinitionEndpoints {

  private final Search search;
  private final JdbcClient jdbc;
  private final StartForms startForms;
  private final FormBodies forms;

  DefinitionEndpoints(
      final Search search,
      final JdbcClient jdbc,
      final StartForms startForms,
      final FormBodies forms) {
    this.search = search;
    this.jdbc = jdbc;
    this.startForms = startForms;
    this.forms = forms;
  }

  void register(final Router router) {
    router
        .add("POST", "/process-definitions/search", this::searchProcesses)
        .add("GET", "/process-definitions/{processDefinitionKey}", this::process)
        .add("GET", "/process-definitions/{processDefinitionKey}/xml", this::processXml)
        .add("GET", "/process-definitions/{processDefinitionKey}/form", this::startForm)
        .add("POST", "/decision-definitions/search", this::searchDecisions)
        .add("GET", "/decision-definitions/{decisionDefinitionKey}", this::decision)
        .add("GET", "/decision-definitions/{decisionDefinitionKey}/xml", this::decisionXml)
        .add("POST", "/decision-requirements/search", this::searchDecisionRequirements)
        .add("GET", "/decision-requirements/{decisionRequirementsKey}", this::decisionRequirements)
        .add(
            "GET",
            "/decision-requirements/{decisionRequirementsKey}/xml",
            this::decisionRequirementsXml)
        .add("POST", "/forms/search", this::searchForms)
        .add("GET", "/forms/{formKey}", this::form);
  }

  private void searchForms(final Exchange exchange) {
    exchange.json(200, search.run(SearchSpecs.FORMS, exchange.json()));
  }

  /** A deployed form version with its schema, as Camunda 8.10's {@code GET /forms/{formKey}}. */
  private void form(final Exchange exchange) {
    final long key = exchange.pathKey("formKey");
    search.get(SearchSpecs.FORMS, "formKey", key, "form"); // a deleted version is not found
    exchange.json(200, forms.byKey(key).orElseThrow(() -> Search.notFound("form", key)));
  }

  private void searchProcesses(final Exchange exchange) {
    exchange.json(200, search.run(SearchSpecs.PROCESS_DEFINITIONS, exchange.json()));
  }

  private void process(final Exchange exchange) {
    exchange.json(200, processDefinition(exchange.pathKey("processDefinitionKey")));
  }

  private Map<String, Object> processDefinition(final long key) {
    return search.get(
        SearchSpecs.PROCESS_DEFINITIONS, "processDefinitionKey", key, "process definition");
  }

  private void processXml(final Exchange exchange) {
    final long key = exchange.pathKey("processDefinitionKey");
    xml(
        exchange,
        "SELECT resource FROM engine.process_definition WHERE key = ? AND NOT deleted",
        key,
        "process definition");
  }

  /** The start form; 204 when the process links none (or only a custom or external one). */
  private void startForm(final Exchange exchange) {
    final long key = exchange.pathKey("processDefinitionKey");
    processDefinition(key); // a deleted version has no start form either
    final Optional<Long> formKey = startForms.formKey(key);
    if (formKey.isEmpty()) {
      exchange.noContent();
      return;
    }
    exchange.json(
        200,
        forms
            .byKey(formKey.get())
            .orElseThrow(() -> Search.notFound("start form of process definition", key)));
  }

  private void searchDecisions(final Exchange exchange) {
    exchange.json(200, search.run(SearchSpecs.DECISION_DEFINITIONS, exchange.json()));
  }

  private void decision(final Exchange exchange) {
    final long key = exchange.pathKey("decisionDefinitionKey");
    exchange.json(
        200,
        search.get(
            SearchSpecs.DECISION_DEFINITIONS, "decisionDefinitionKey", key, "decision definition"));
  }

  private void searchDecisionRequirements(final Exchange exchange) {
    exchange.json(200, search.run(SearchSpecs.DECISION_REQUIREMENTS, exchange.json()));
  }

  private void decisionRequirements(final Exchange exchange) {
    final long key = exchange.pathKey("decisionRequirementsKey");
    exchange.json(
        200,
        search.get(
            SearchSpecs.DECISION_REQUIREMENTS,
            "decisionRequirementsKey",
            key,
            "decision requirements"));
  }

  private void decisionRequirementsXml(final Exchange exchange) {
    final long key = exchange.pathKey("decisionRequirementsKey");
    xml(
        exchange,
        "SELECT resource FROM engine.decision_requirements WHERE key = ? AND NOT deleted",
        key,
        "decision requirements");
  }

  private void decisionXml(final Exchange exchange) {
    final long key = exchange.pathKey("decisionDefinitionKey");
    xml(
        exchange,
        "SELECT r.resource FROM engine.decision d JOIN engine.decision_requirements r"
            + " ON r.key = d.decision_requirements_key WHERE d.key = ? AND NOT d.deleted",
        key,
        "decision definition");
  }

  private void xml(final Exchange exchange, final String sql, final long key, final String what) {
    final byte[] resource =
        jdbc.sql(sql)
            .param(key)
            .query(byte[].class)
            .optional()
            .orElseThrow(() -> Search.notFound(what, key));
    exchange.text(200, "text/xml", new String(resource, StandardCharsets.UTF_8));
  }
}
