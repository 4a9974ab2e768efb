package io.flowdesk.app.portal.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientHttpException;
import io.camunda.client.api.search.response.Form;
import io.camunda.client.api.search.response.ProcessDefinition;
import io.flowdesk.app.forms.FormExpressions;
import io.flowdesk.app.forms.FormSchema;
import io.flowdesk.app.forms.InvalidFormException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one deployed process definition as a catalog item, through the camunda client only (its
 * BPMN XML and its start form), so it works against a Camunda 8 cluster as well as the embedded
 * engine. A definition never changes, so what this answers can be kept by definition key.
 *
 * <p>A process is a catalog item when its process element carries the extension property {@code
 * catalog.category}; the other {@code catalog.*} properties are optional (see processes/README.md).
 */
class CatalogItemReader {

  static final String PREFIX = "catalog.";
  private static final int PAGE = 500;

  /** What a definition is for the catalog. */
  sealed interface Outcome {

    /** Orderable, audience still to be checked against the directory. */
    record Offered(CatalogItem item) implements Outcome {}

    /** Declares itself an item but cannot be offered. */
    record Broken(BrokenItem item) implements Outcome {}

    /** Not a catalog item, or withdrawn ({@code catalog.enabled=false}). */
    record NotListed() implements Outcome {}
  }

  private final CamundaClient client;
  private final FormExpressions expressions;
  private final ObjectMapper json;

  CatalogItemReader(
      final CamundaClient client, final FormExpressions expressions, final ObjectMapper json) {
    this.client = client;
    this.expressions = expressions;
    this.json = json;
  }

  /**
   * The latest version of every deployed process, catalog item or not.
   *
   * @throws RuntimeException when the engine could not be asked
   */
  List<ProcessDefinition> latest() {
    final List<ProcessDefinition> all = new ArrayList<>();
    List<ProcessDefinition> page;
    do {
      final int from = all.size();
      page =
          client
              .newProcessDefinitionSearchRequest()
              .filter(filter -> filter.isLatestVersion(true))
              .page(p -> p.from(from).limit(PAGE))
              .send()
              .join()
              .items();
      all.addAll(page);
    } while (page.size() == PAGE);
    return all;
  }

  /**
   * The definition as a catalog item.
   *
   * @throws RuntimeException when the engine could not be asked (try again later; nothing to keep)
   */
  Outcome read(final ProcessDefinition definition) {
    final String xml =
        client
            .newProcessDefinitionGetXmlRequest(definition.getProcessDefinitionKey())
            .send()
            .join();
    final CatalogDeclaration declaration;
    try {
      declaration = CatalogDeclaration.read(xml, definition.getProcessDefinitionId());
    } catch (IllegalArgumentException unreadable) {
      return broken(definition, unreadable.getMessage());
    }
    final Map<String, String> properties = declaration.properties();
    final String category = property(properties, "category");
    if (category.isEmpty()) {
      return new Outcome.NotListed();
    }
    final String enabled = property(properties, "enabled").toLowerCase(Locale.ROOT);
    if (enabled.equals("false")) {
      return new Outcome.NotListed();
    }
    try {
      if (!enabled.isEmpty() && !enabled.equals("true")) {
        throw new InvalidItemException(
            "catalog.enabled must be true or false, not \""
                + property(properties, "enabled")
                + "\"");
      }
      final CatalogItem item =
          new CatalogItem(
              definition.getProcessDefinitionId(),
              definition.getProcessDefinitionKey(),
              definition.getVersion(),
              title(definition),
              category,
              property(properties, "description"),
              list(property(properties, "audience")),
              property(properties, "icon"),
              duration(property(properties, "fulfilmentTarget")),
              order(property(properties, "order")),
              list(property(properties, "keywords")),
              kind(property(properties, "kind")),
              startForm(definition, declaration.startFormId()));
      return new Outcome.Offered(item);
    } catch (InvalidItemException invalid) {
      return broken(definition, invalid.getMessage());
    }
  }

  static Outcome.Broken broken(final ProcessDefinition definition, final String reason) {
    return new Outcome.Broken(
        new BrokenItem(
            definition.getProcessDefinitionId(),
            definition.getProcessDefinitionKey(),
            definition.getVersion(),
            title(definition),
            reason));
  }

  private FormSchema startForm(final ProcessDefinition definition, final String formId) {
    if (formId == null || formId.isBlank()) {
      throw new InvalidItemException(
          "the none start event links no Camunda form (zeebe:formDefinition formId)");
    }
    final Form form;
    try {
      form =
          client
              .newProcessDefinitionGetFormRequest(definition.getProcessDefinitionKey())
              .send()
              .join();
    } catch (ClientHttpException e) {
      if (e.code() == 404) {
        throw new InvalidItemException("start form \"" + formId + "\" is not deployed");
      }
      throw e;
    }
    if (form == null) {
      throw new InvalidItemException("start form \"" + formId + "\" is not deployed");
    }
    final FormSchema schema;
    try {
      final Object raw = form.getSchema();
      schema =
          FormSchema.parse(
              raw instanceof String text ? text : json.writeValueAsString(raw),
              "form " + form.getFormId());
    } catch (InvalidFormException | JsonProcessingException e) {
      throw new InvalidItemException(
          "start form \"" + formId + "\" cannot be read: " + e.getMessage());
    }
    final List<String> feelErrors = expressions.syntaxErrors(schema);
    if (!feelErrors.isEmpty()) {
      throw new InvalidItemException(
          "start form \"" + formId + "\" has invalid FEEL: " + String.join("; ", feelErrors));
    }
    return schema;
  }

  private static String title(final ProcessDefinition definition) {
    final String name = definition.getName();
    return name == null || name.isBlank() ? definition.getProcessDefinitionId() : name.strip();
  }

  private static String property(final Map<String, String> properties, final String name) {
    return properties.getOrDefault(PREFIX + name, "").strip();
  }

  private static List<String> list(final String commaSeparated) {
    return Arrays.stream(commaSeparated.split(","))
        .map(String::strip)
        .filter(entry -> !entry.isEmpty())
        .toList();
  }

  private static Duration duration(final String text) {
    if (text.isEmpty()) {
      return null;
    }
    try {
      final Duration duration = Duration.parse(text);
      if (duration.isNegative() || duration.isZero()) {
        throw new InvalidItemException(
            "catalog.fulfilmentTarget must be a positive duration, not \"" + text + "\"");
      }
      return duration;
    } catch (DateTimeParseException e) {
      throw new InvalidItemException(
          "catalog.fulfilmentTarget \""
              + text
              + "\" is not an ISO-8601 duration such as P3D or PT4H");
    }
  }

  private static int order(final String text) {
    if (text.isEmpty()) {
      return Integer.MAX_VALUE;
    }
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new InvalidItemException("catalog.order must be a whole number, not \"" + text + "\"");
    }
  }

  private static CatalogItem.Kind kind(final String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "", "request" -> CatalogItem.Kind.REQUEST;
      case "incident" -> CatalogItem.Kind.INCIDENT;
      case "change" -> CatalogItem.Kind.CHANGE;
      default ->
          throw new InvalidItemException(
              "catalog.kind must be request, incident or change, not \"" + text + "\"");
    };
  }

  /** Why a declared item cannot be offered. */
  private static final class InvalidItemException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvalidItemException(final String message) {
      super(message, null, false, false);
    }
  }
}
